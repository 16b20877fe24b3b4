import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Evidence } from '../../src/core/evidence/model.js';

export interface CheckRun {
  code: number;
  /** Undefined when the run ended before writing evidence (a config error). */
  evidence: Evidence;
  /** Every file of the out dir, concatenated. */
  files: string;
  stderr: string;
  dir: string;
}

const dirs: string[] = [];

/** `opsgate <check>` in-process on this opsgate.yml, in a fresh directory (out dir `out`). */
export async function runCheck(check: string, yaml: string): Promise<CheckRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-check-run-'));
  dirs.push(dir);
  await writeFile(path.join(dir, 'opsgate.yml'), yaml);
  const out = path.join(dir, 'out');
  const errors: string[] = [];
  const original = console.error;
  console.error = (...p: unknown[]) => errors.push(p.join(' '));
  let code: number;
  try {
    code = await main(['--config', path.join(dir, 'opsgate.yml'), '--out', out, check]);
  } finally {
    console.error = original;
  }
  const evidence = JSON.parse(
    await readFile(path.join(out, 'evidence', `${check}.json`), 'utf8').catch(() => 'null'),
  ) as Evidence;
  const all = await readdir(out, { recursive: true, withFileTypes: true }).catch(() => []);
  const texts = await Promise.all(
    all.filter((f) => f.isFile()).map((f) => readFile(path.join(f.parentPath, f.name), 'utf8')),
  );
  return { code, evidence, files: texts.join('\n'), stderr: errors.join('\n'), dir };
}

/** Remove every directory runCheck made (call from afterAll). */
export async function removeCheckRuns(): Promise<void> {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
}
