import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { readEvidenceFile } from '../core/evidence/store-files.js';

/** Depth bound for the artifact walk: download-artifact nests one dir per artifact. */
const MAX_DEPTH = 6;

/** Every `evidence/*.json` file under `dir` (recursively, bounded). */
export async function findEvidenceFiles(dir: string, depth = 0): Promise<string[]> {
  if (depth > MAX_DEPTH) return [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) found.push(...(await findEvidenceFiles(abs, depth + 1)));
    else if (e.isFile() && e.name.endsWith('.json') && path.basename(dir) === 'evidence') found.push(abs);
  }
  return found;
}

/**
 * Copy the evidence of other jobs (downloaded artifacts) into `outDir/evidence` so the gate and
 * the reports see one run. Files are validated first; a second file of the same check (load
 * shards) is kept under a name derived from where it came from instead of overwriting.
 */
export async function collectEvidence(outDir: string, dirs: string[]): Promise<string[]> {
  const target = path.resolve(outDir, 'evidence');
  await mkdir(target, { recursive: true });
  const copied: string[] = [];
  for (const dir of dirs) {
    for (const file of await findEvidenceFiles(path.resolve(dir))) {
      if (path.dirname(file) === target) continue;
      const evidence = await readEvidenceFile(file);
      let dest = path.join(target, `${evidence.check}.json`);
      if (await exists(dest)) {
        const origin =
          path.relative(path.resolve(dir), path.dirname(path.dirname(file))) || path.basename(dir);
        dest = path.join(target, `${evidence.check}--${origin.replace(/[^A-Za-z0-9._-]+/g, '-')}.json`);
      }
      await copyFile(file, dest);
      copied.push(dest);
    }
  }
  return copied;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
