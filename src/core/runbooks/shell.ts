import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Shell text for runbook commands that on-call pastes into bash as they are: every value is
 * quoted so the line means the same with spaces, quotes or `$` in it.
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * `$'…'` (ANSI-C quoting) for a value with control characters: a newline spelled `\n` keeps the
 * value on one line, so it can neither end a comment nor close the markdown fence around it.
 */
function ansiC(s: string): string {
  const spelled = s.replace(/[\\']/g, '\\$&').replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return `$'${spelled}'`;
}

/** A word for bash: bare when it is plainly safe, else single-quoted (`$'…'` with control characters). */
export function shellWord(s: string): string {
  if (CONTROL.test(s)) return ansiC(s);
  return /^[\w./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A string argument for bash in double quotes when that keeps it readable (no `"`, `$`, `` ` ``,
 * `\` or `!`, which double quotes would interpret), else in single quotes.
 */
export function shellString(s: string): string {
  if (CONTROL.test(s)) return ansiC(s);
  return /^[^"$`\\!]*$/.test(s) ? `"${s}"` : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Text for a `#` comment: one line whatever it holds (a newline would end the comment), kept short. */
export function shellComment(s: string): string {
  // eslint-disable-next-line no-control-regex
  const line = s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** A piece of a shell argument: literal text, or a variable (`required`: the message bash stops with when it is empty). */
export type ShellPart = string | { variable: string; required?: string };

/**
 * One bash argument joined from literal text and variables, e.g. `"$BASE/api/x/${ID}"`. Literal
 * text that double quotes would interpret is single-quoted on its own, so it stays text.
 */
export function shellConcat(parts: ShellPart[]): string {
  const expand = (p: Exclude<ShellPart, string>): string => {
    if (!/^[A-Za-z_]\w*$/.test(p.variable)) throw new Error(`not a shell variable name: ${p.variable}`);
    // The message is ours (never config text): no quote, `$`, `}` or backtick in it.
    const msg = p.required?.replace(/[^\w .,:;()/-]/g, '');
    return `\${${p.variable}${msg ? `:?${msg}` : ''}}`;
  };
  const plain = (t: string): boolean => /^[^"$`\\!]*$/.test(t) && !CONTROL.test(t);
  if (parts.every((p) => typeof p !== 'string' || plain(p))) {
    // `$BASE/x` reads better than `${BASE}/x`; braces only where a name character follows.
    const short = (p: Exclude<ShellPart, string>, next: ShellPart | undefined): string => {
      const braced = expand(p);
      return p.required || (typeof next === 'string' && /^\w/.test(next)) ? braced : `$${p.variable}`;
    };
    return `"${parts.map((p, i) => (typeof p === 'string' ? p : short(p, parts[i + 1]))).join('')}"`;
  }
  return parts
    .filter((p) => p !== '')
    .map((p) => (typeof p === 'string' ? shellWord(p) : `"${expand(p)}"`))
    .join('');
}

/** A path whose last segment may be a glob: the directory quoted, the wildcards left to expand. */
export function shellGlob(p: string): string {
  const dir = path.dirname(p);
  const base = path.basename(p);
  if (!/^[\w.*?[\]-]+$/.test(base)) return shellWord(p);
  return dir === '.' ? base : `${shellWord(dir)}/${base}`;
}

/** The repository root above `dir` (a `.git` directory or worktree file), if any. */
function repositoryRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * Where the runbook's commands run: the directory of opsgate.yml, because the paths in it are
 * relative to it. Said relative to the repository root, so it holds on any checkout.
 */
export function workingDirectory(configDir: string): { cd?: string; where: string } {
  const root = repositoryRoot(configDir);
  const rel = root ? path.relative(root, configDir) : undefined;
  if (rel === '') return { where: 'the repository root (the directory of `opsgate.yml`)' };
  if (rel !== undefined && !rel.startsWith('..'))
    return {
      cd: `cd ${shellWord(rel)}   # the directory of opsgate.yml, from the repository root`,
      where: `\`${rel}\` (the directory of \`opsgate.yml\`) in the repository`,
    };
  return {
    cd: `cd ${shellWord(path.resolve(configDir))}   # the directory of opsgate.yml`,
    where: 'the directory of `opsgate.yml`',
  };
}

/** A fenced bash block, indented to sit inside a numbered list item. */
export function bashBlock(lines: string[], indent = ''): string {
  return ['```bash', ...lines, '```'].map((l) => (l ? indent + l : l)).join('\n');
}
