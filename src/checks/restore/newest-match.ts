import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** A file found by a backup glob, with its modification time. */
export interface MatchedFile {
  file: string;
  mtimeMs: number;
  sizeBytes: number;
}

/** `*.dump` → /^[^/]*\.dump$/ ; `?` one character; `[abc]` kept as a class. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (const ch of pattern) {
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[' || ch === ']') re += ch;
    else re += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Files matching a path whose last segment may hold wildcards (`backups/db-*.dump`), newest
 * first by modification time. Sidecars (`*.counts.json`) never match. Wildcards in directory
 * segments are not supported: backup directories are fixed, file names carry the date.
 */
export async function matchingFiles(pattern: string): Promise<MatchedFile[]> {
  const dir = path.dirname(pattern);
  if (/[*?[]/.test(dir)) throw new Error(`wildcards are only supported in the file name: ${pattern}`);
  const base = path.basename(pattern);
  const re = globToRegExp(base);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const out: MatchedFile[] = [];
  for (const name of names) {
    if (!re.test(name) || name.endsWith('.counts.json')) continue;
    const file = path.join(dir, name);
    const s = await stat(file).catch(() => undefined);
    if (s?.isFile()) out.push({ file, mtimeMs: s.mtimeMs, sizeBytes: s.size });
  }
  return out.sort((a, b) => b.mtimeMs - a.mtimeMs || b.file.localeCompare(a.file));
}
