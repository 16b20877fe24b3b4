/**
 * Fail when the committed `dist/` is not what the sources build to: rebuild into a temp dir
 * and compare file by file. `npm run build` fixes it.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDist, repoRoot } from './build.js';

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const e of entries) {
    const rel = path.join(prefix, e.name);
    if (e.isDirectory()) files.push(...(await listFiles(path.join(dir, e.name), rel)));
    else files.push(rel);
  }
  return files.sort();
}

/** Differences between the committed dist and a fresh build: missing, extra or changed files. */
export async function diffDist(committed = path.join(repoRoot, 'dist')): Promise<string[]> {
  const fresh = await mkdtemp(path.join(os.tmpdir(), 'opsgate-dist-'));
  try {
    await buildDist(fresh);
    const [want, have] = await Promise.all([listFiles(fresh), listFiles(committed)]);
    const problems: string[] = [];
    for (const f of want) {
      if (!have.includes(f)) problems.push(`missing dist/${f}`);
      else if (!(await readFile(path.join(fresh, f))).equals(await readFile(path.join(committed, f))))
        problems.push(`stale dist/${f}`);
    }
    for (const f of have) if (!want.includes(f)) problems.push(`unexpected dist/${f}`);
    return problems;
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const problems = await diffDist();
  if (problems.length) {
    console.error(`dist/ is out of date (run npm run build and commit dist/):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('dist/ is up to date');
}
