// A small, strict argv parser: every command declares its options, and anything else is a usage error
// (exit code 2) rather than silently ignored. Supports `--name value`, `--name=value`, `--no-name` for
// booleans, `-` as a positional (stdin) and `--` to end options.

export class UsageError extends Error {}

export interface OptionSpec {
  /** `boolean` takes no value; `string` needs one; `optional` takes a value only as `--name=value`. */
  type: 'boolean' | 'string' | 'optional';
  /** Allowed values, checked here so every command reports them the same way. */
  choices?: readonly string[];
  /** One-letter alias (`-q`). */
  short?: string;
  /** May be given several times (values collected in order). */
  multiple?: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  /** Boolean options: true/false (`--no-x`); string options: the value (or array when `multiple`). */
  options: Record<string, string | boolean | string[]>;
}

export function parseArgs(argv: readonly string[], spec: Record<string, OptionSpec>): ParsedArgs {
  const positionals: string[] = [];
  const options: ParsedArgs['options'] = {};
  const byShort = new Map(Object.entries(spec).filter(([, s]) => s.short).map(([n, s]) => [s.short!, n]));
  const set = (name: string, value: string | boolean) => {
    const s = spec[name];
    if (typeof value === 'string' && s.choices && !s.choices.includes(value)) {
      throw new UsageError(`invalid value '${value}' for --${name} (expected ${s.choices.join(', ')})`);
    }
    if (s.multiple && typeof value === 'string') options[name] = [...((options[name] as string[] | undefined) ?? []), value];
    else options[name] = value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    } else {
      const long = byShort.get(arg.slice(1));
      if (!long || arg.length !== 2) throw new UsageError(`unknown option '${arg}'`);
      name = long;
    }
    if (!(name in spec) && name.startsWith('no-') && spec[name.slice(3)]?.type === 'boolean' && inline === undefined) {
      set(name.slice(3), false);
      continue;
    }
    const s = spec[name];
    if (!s) throw new UsageError(`unknown option '--${name}'${suggest(name, Object.keys(spec))}`);
    if (s.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`option '--${name}' takes no value`);
      set(name, true);
    } else if (s.type === 'optional') {
      set(name, inline ?? true);
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`option '--${name}' needs a value`);
      set(name, value);
    }
  }
  return { positionals, options };
}

function suggest(name: string, known: string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = distance(name, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean '--${best}'?)` : '';
}

/** Levenshtein distance, for "did you mean" hints. */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
