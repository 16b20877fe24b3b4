import { parse } from 'yaml';

/**
 * What opsgate writes inside a repository and nobody should commit: the out dir, `.opsgate/`
 * (local evidence store, fresh dumps, demo clusters) and backups the config points at.
 */
export function ignoredPaths(configText: string, outDir = 'opsgate-out'): string[] {
  const raw = (parse(configText) ?? {}) as {
    store?: { dir?: unknown };
    restore?: { backup?: { kind?: unknown; path?: unknown; dir?: unknown } };
  };
  const entries = [`${outDir.replace(/\/+$/, '')}/`, '.opsgate/'];
  const backup = raw.restore?.backup;
  const candidates = [raw.store?.dir, backup?.kind === 'path' ? backup.path : backup?.dir];
  for (const c of candidates) {
    // Only plain repository-relative paths: not ${ENV}, not absolute, not outside the repository.
    if (typeof c !== 'string' || /\$\{|^\/|^~|(^|\/)\.\.(\/|$)/.test(c)) continue;
    const entry = c.replace(/^\.\//, '');
    if (!entry.startsWith('.opsgate/') && !entries.includes(entry)) entries.push(entry);
  }
  return entries;
}

/** `.gitignore` with the missing entries appended under one heading; `undefined` when nothing is missing. */
export function extendGitignore(current: string | undefined, entries: string[]): string | undefined {
  const have = new Set((current ?? '').split('\n').map((l) => l.trim()));
  const missing = entries.filter((e) => !have.has(e) && !have.has(`/${e}`));
  if (!missing.length) return undefined;
  const base = current ? (current.endsWith('\n') ? current : `${current}\n`) + '\n' : '';
  return `${base}# opsgate: evidence, local store, backups\n${missing.join('\n')}\n`;
}
