// Format-preserving YAML edits as text edits: add a key to a mapping or replace a value, keeping the
// mapping's own indentation, line endings and every comment around it.
import { isMap, type YAMLMap } from 'yaml';
import type { TextEdit } from '../types.js';

export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Column of a block mapping's keys (0-based), from its first key. */
export function mappingIndent(map: YAMLMap<unknown, unknown>, text: string): number {
  const first = map.items[0]?.key as { range?: [number, number, number] } | undefined;
  const start = first?.range?.[0] ?? map.range?.[0] ?? 0;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return start - lineStart;
}

/**
 * Adds `key: value` as the last entry of a mapping. `value` is written after `key:`; a multi-line value
 * must start with a line break and carry its own indentation (use `indentBlock`).
 */
export function insertPairEdit(map: YAMLMap<unknown, unknown>, key: string, value: string, text: string): TextEdit {
  const eol = eolOf(text);
  if (map.flow || !map.items.length) {
    // `{}` or `{a: 1}`: insert before the closing brace.
    const close = map.range ? text.lastIndexOf('}', map.range[1]) : -1;
    if (close >= 0) {
      const sep = map.items.length ? ', ' : '';
      return { start: close, end: close, newText: `${sep}${key}: ${value.replace(/^\s+/, '')}` };
    }
  }
  const indent = ' '.repeat(mappingIndent(map, text));
  const last = map.items[map.items.length - 1];
  const lastNode = (last.value ?? last.key) as { range?: [number, number, number] } | null;
  const end = lastNode?.range?.[1] ?? map.range?.[1] ?? text.length;
  if (end > 0 && text[end - 1] === '\n') {
    // The last value is a block scalar that already ends with a line break.
    return { start: end, end, newText: `${indent}${key}:${value.startsWith(eol) ? '' : ' '}${value}${eol}` };
  }
  const nl = text.indexOf('\n', end);
  const pos = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  return { start: pos, end: pos, newText: `${eol}${indent}${key}:${value.startsWith(eol) ? '' : ' '}${value}` };
}

/** Indents each line of `lines` by `column` spaces and joins them as a multi-line YAML value. */
export function indentBlock(lines: string[], column: number, eol = '\n'): string {
  return lines.map((l) => `${eol}${' '.repeat(column)}${l}`).join('');
}

export function isBlockMap(node: unknown): node is YAMLMap<unknown, unknown> {
  return isMap(node) && !node.flow;
}
