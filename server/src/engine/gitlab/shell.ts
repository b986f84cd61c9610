// A small POSIX-shell reader for script lines: enough to know, for a position in the text, which simple
// command it belongs to, which word, and under which quotes. Expansion results are not re-parsed by the
// shell, so what matters for injection is whether text reaches something that parses it again as code
// (eval, sh -c, ssh, a pipe into a shell).

export type Quote = 'none' | 'single' | 'double';

export interface Word {
  start: number;
  end: number;
  text: string;
}

export interface Command {
  words: Word[];
  /** Index into `words` of the command name (after assignments and wrappers such as sudo, env). */
  head: number;
  start: number;
  end: number;
  /** The operator that ends the command (`|`, `;`, `&&`, ...), '' at the end. */
  next: string;
}

export interface ShellLine {
  text: string;
  quotes: Quote[];
  commands: Command[];
}

const WRAPPERS = new Set(['sudo', 'env', 'exec', 'time', 'command', 'nohup', 'nice', 'timeout', 'xargs', 'doas']);
const KEYWORDS = new Set(['if', 'then', 'elif', 'else', 'while', 'until', 'do', '!']);
export const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'fish', 'pwsh', 'powershell', 'cmd', 'busybox']);

/** Reads a script (one `script:` item, possibly several lines). */
export function readShell(text: string): ShellLine {
  const quotes: Quote[] = new Array(text.length).fill('none');
  const commands: Command[] = [];
  let words: Word[] = [];
  let wordStart = -1;
  let cmdStart = 0;
  let q: Quote = 'none';
  const endWord = (i: number) => {
    if (wordStart >= 0) words.push({ start: wordStart, end: i, text: text.slice(wordStart, i) });
    wordStart = -1;
  };
  const endCommand = (i: number, op: string) => {
    endWord(i);
    if (words.length) commands.push({ words, head: headIndex(words), start: cmdStart, end: i, next: op });
    words = [];
    cmdStart = i + op.length;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    quotes[i] = q;
    if (q === 'single') {
      if (c === "'") q = 'none';
      continue;
    }
    if (q === 'double') {
      if (c === '$' && text[i + 1] === '(') {
        // Command substitution inside double quotes: its own quoting; treated as quoted text here.
        const end = substitutionEnd(text, i + 2);
        for (let k = i; k < end; k++) quotes[k] = 'double';
        i = end - 1;
        continue;
      }
      if (c === '\\') {
        quotes[i + 1] = q;
        i++;
      } else if (c === '"') q = 'none';
      continue;
    }
    if (c === '\\') {
      if (wordStart < 0) wordStart = i;
      quotes[i + 1] = q;
      i++;
      continue;
    }
    if (c === '#' && wordStart < 0) {
      // A comment runs to the end of the line.
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl - 1;
      continue;
    }
    if (c === "'" || c === '"') {
      if (wordStart < 0) wordStart = i;
      q = c === "'" ? 'single' : 'double';
      quotes[i] = 'none';
      continue;
    }
    if (c === '$' && text[i + 1] === '(') {
      if (wordStart < 0) wordStart = i;
      const end = substitutionEnd(text, i + 2);
      for (let k = i; k < end; k++) quotes[k] = 'double';
      i = end - 1;
      continue;
    }
    if (c === ' ' || c === '\t') {
      endWord(i);
      continue;
    }
    if (c === '\n' || c === ';') {
      endCommand(i, c);
      continue;
    }
    if (c === '|' || c === '&') {
      const op = text[i + 1] === c ? c + c : c;
      endCommand(i, op);
      i += op.length - 1;
      continue;
    }
    if ((c === '(' || c === ')' || c === '{' || c === '}') && wordStart < 0) {
      endCommand(i, c);
      continue;
    }
    if (wordStart < 0) wordStart = i;
  }
  endCommand(text.length, '');
  return { text, quotes, commands };
}

/** Index just after the `)` closing a `$(` whose body starts at `from` (quotes and nesting respected). */
function substitutionEnd(text: string, from: number): number {
  let depth = 1;
  let q: Quote = 'none';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (q === 'single') {
      if (c === "'") q = 'none';
    } else if (c === '\\') i++;
    else if (q === 'double') {
      if (c === '"') q = 'none';
    } else if (c === "'") q = 'single';
    else if (c === '"') q = 'double';
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

/** Whether the text at `index` is where the shell neither splits nor globs: `[[ ]]`, `case`, assignments. */
export function noSplitAt(line: ShellLine, index: number): boolean {
  const cmd = commandAt(line, index);
  if (!cmd) return false;
  const name = commandName(cmd);
  if (name === '[[' || name === 'case') return true;
  const w = cmd.words.find((x) => index >= x.start && index < x.end);
  if (!w) return false;
  const k = cmd.words.indexOf(w);
  // NAME=value before the command (or as the command, or after export/local/declare/readonly).
  return /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text) && (k <= cmd.head || ['export', 'local', 'declare', 'readonly', 'typeset'].includes(name));
}

function unquote(w: string): string {
  return w.replace(/^['"]|['"]$/g, '');
}

function headIndex(words: Word[]): number {
  let i = 0;
  while (i < words.length) {
    const w = unquote(words[i].text);
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) || KEYWORDS.has(w)) i++;
    else if (WRAPPERS.has(w.replace(/^.*\//, ''))) {
      i++;
      while (i < words.length && words[i].text.startsWith('-')) i++;
    } else break;
  }
  return Math.min(i, Math.max(0, words.length - 1));
}

export function commandName(cmd: Command): string {
  return unquote(cmd.words[cmd.head]?.text ?? '').replace(/^.*[\\/]/, '').replace(/\.exe$/i, '').toLowerCase();
}

export function commandAt(line: ShellLine, index: number): Command | undefined {
  return line.commands.find((c) => index >= c.start && index <= c.end);
}

export interface Sink {
  kind: 'eval' | 'shell -c' | 'ssh' | 'pipe to shell';
  command: Command;
}

/**
 * Whether text at `index` is parsed again as shell code: an argument of `eval`, the command string of
 * `sh -c` / `bash -c`, a remote command of `ssh`, or printed into a pipe that a shell reads. Text in
 * single quotes is passed on literally and expanded (as data) by the inner shell: not a sink.
 */
export function sinkAt(line: ShellLine, index: number): Sink | undefined {
  if (line.quotes[index] === 'single') return undefined;
  const i = line.commands.findIndex((c) => index >= c.start && index <= c.end);
  if (i < 0) return undefined;
  const cmd = line.commands[i];
  const name = commandName(cmd);
  const wordIdx = cmd.words.findIndex((w) => index >= w.start && index < w.end);
  if (wordIdx <= cmd.head) return undefined;
  if (name === 'eval') return { kind: 'eval', command: cmd };
  if (SHELLS.has(name)) {
    const c = cmd.words.findIndex((w, k) => k > cmd.head && /^-[a-z]*c[a-z]*$/i.test(unquote(w.text)));
    // Only the word after -c is code; the words after it are $0, $1... of the inner shell.
    if (c >= 0 && wordIdx === c + 1) return { kind: 'shell -c', command: cmd };
    if (name === 'cmd' && cmd.words.some((w) => /^\/c$/i.test(w.text))) return { kind: 'shell -c', command: cmd };
    if ((name === 'pwsh' || name === 'powershell') && cmd.words.some((w) => /^-(c|command)$/i.test(w.text))) return { kind: 'shell -c', command: cmd };
  }
  if (name === 'ssh') {
    // ssh [options] host command...: the remote shell parses the command words again.
    let k = cmd.head + 1;
    while (k < cmd.words.length && cmd.words[k].text.startsWith('-')) k += /^-[bcDEeFIiJLlmOopQRSWw]$/.test(cmd.words[k].text) ? 2 : 1;
    if (wordIdx > k) return { kind: 'ssh', command: cmd };
  }
  if ((name === 'echo' || name === 'printf') && cmd.next === '|') {
    const after = line.commands[i + 1];
    if (after && SHELLS.has(commandName(after)) && !after.words.some((w, k) => k > after.head && /^-[a-z]*c/i.test(w.text))) return { kind: 'pipe to shell', command: cmd };
  }
  return undefined;
}
