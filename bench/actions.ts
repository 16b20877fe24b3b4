/**
 * Action overhead: how long the bundled gate action takes on a runner-like invocation, compared
 * with the bundled CLI doing the same gate and with the CLI run from source through tsx.
 *
 *   npx tsx bench/actions.ts [runs]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finishEvidence, startEvidence } from '../src/core/evidence/new-evidence.js';
import { writeEvidence } from '../src/core/evidence/store-files.js';

const root = path.resolve(import.meta.dirname, '..');
const runs = Number(process.argv[2] ?? 5);
const job = mkdtempSync(path.join(os.tmpdir(), 'opsgate-bench-actions-'));
writeFileSync(path.join(job, 'opsgate.yml'), 'version: 1\ntarget:\n  base-url: http://127.0.0.1:9\n');
for (const check of ['headers', 'rbac', 'abuse']) {
  const e = startEvidence(check, 'http://127.0.0.1:9');
  for (let i = 0; i < 50; i++)
    e.thresholds.push({ name: `${check} control ${i}`, limit: 1, actual: 1, ok: true });
  await writeEvidence(path.join(job, 'artifacts', check), finishEvidence(e));
  await writeEvidence(path.join(job, 'all'), e);
}
const out = path.join(job, 'summary.md');

function time(label: string, cmd: string, args: string[], env: Record<string, string> = {}) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    writeFileSync(out, '');
    writeFileSync(path.join(job, 'output'), '');
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd: job, env: { ...process.env, ...env }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${label} exited ${r.status}: ${r.stderr}${r.stdout}`);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { label, median: ms[Math.floor(ms.length / 2)]! };
}

const rows = [
  time('node dist/gate.js (action)', process.execPath, [path.join(root, 'dist', 'gate.js')], {
    INPUT_CONFIG: 'opsgate.yml',
    INPUT_OUT: 'out-action',
    'INPUT_EVIDENCE-DIRS': 'artifacts',
    INPUT_PUBLISH: 'false',
    GITHUB_STEP_SUMMARY: out,
    GITHUB_OUTPUT: path.join(job, 'output'),
  }),
  time('node dist/opsgate.js gate (bundled CLI)', process.execPath, [
    path.join(root, 'dist', 'opsgate.js'),
    'gate',
    '--out',
    'all',
  ]),
  time('tsx src/cli/main.ts gate (source)', path.join(root, 'node_modules', '.bin', 'tsx'), [
    path.join(root, 'src', 'cli', 'main.ts'),
    'gate',
    '--out',
    'all',
  ]),
];
const base = rows[1]!.median;
console.log(`| Invocation (${runs} runs, median) | ms | × bundled CLI |`);
console.log('|---|---:|---:|');
for (const r of rows)
  console.log(`| ${r.label} | ${r.median.toFixed(0)} | ${(r.median / base).toFixed(2)} |`);
const distBytes = readdirSync(path.join(root, 'dist')).reduce(
  (n, f) => n + statSync(path.join(root, 'dist', f)).size,
  0,
);
console.log(`\ndist/ total: ${(distBytes / 1024 / 1024).toFixed(2)} MiB`);
rmSync(job, { recursive: true, force: true });
