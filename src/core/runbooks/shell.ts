import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Shell text for runbook commands that on-call pastes into bash as they are: every value is
 * quoted so the line means the same with spaces, quotes or `$` in it.
 */

/** A word for bash: bare when it is plainly safe, else single-quoted. */
export function shellWord(s: string): string {
  return /^[\w./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A string argument for bash in double quotes when that keeps it readable (no `"`, `$`, `` ` ``,
 * `\` or `!`, which double quotes would interpret), else in single quotes.
 */
export function shellString(s: string): string {
  return /^[^"$`\\!]*$/.test(s) ? `"${s}"` : `'${s.replace(/'/g, `'\\''`)}'`;
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
