/**
 * Action cold start: how long `node dist/<action>.js` takes to write its first line (stdout or
 * GITHUB_OUTPUT) and to exit, on a runner-like invocation that does no network work: the config
 * has no check sections (a check action answers "skipped"), the gate finds no evidence, signoff
 * gets an event it ignores. Median of N runs, compared with `node -e 0` and with the bundled CLI
 * doing the same gate.
 *
 *   npx tsx bench/actions.ts [runs]      (run `npm run build` first: it measures dist/)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { actionDefinitions } from '../src/actions/definitions/index.js';

const root = path.resolve(import.meta.dirname, '..');
const runs = Number(process.argv[2] ?? 5);
const TARGET_MS = 300;
const job = mkdtempSync(path.join(os.tmpdir(), 'opsgate-bench-actions-'));
writeFileSync(path.join(job, 'opsgate.yml'), 'version: 1\ntarget:\n  base-url: http://127.0.0.1:9\n');
writeFileSync(path.join(job, 'event.json'), '{}');
mkdirSync(path.join(job, 'artifacts'));

interface Timing {
  first: number;
  exit: number;
}

/** One run: ms to the first byte on stdout or in GITHUB_OUTPUT, and ms to exit. */
function once(args: string[], env: Record<string, string>): Promise<Timing> {
  const output = path.join(job, 'output');
  writeFileSync(output, '');
  writeFileSync(path.join(job, 'summary.md'), '');
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const since = () => Number(process.hrtime.bigint() - start) / 1e6;
    let first: number | undefined;
    const mark = () => (first ??= since());
    const watcher = watch(output, () => statSync(output).size > 0 && mark());
    const child = spawn(process.execPath, args, {
      cwd: job,
      // A runner-like environment, nothing inherited that could change the path taken.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: job,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: path.join(job, 'summary.md'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout.on('data', mark);
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => child.kill(), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      const exit = since();
      clearTimeout(timer);
      watcher.close();
      if (code === null) return reject(new Error(`${args.join(' ')} timed out: ${stderr}`));
      resolve({ first: first ?? exit, exit });
    });
  });
}

async function measure(args: string[], env: Record<string, string> = {}): Promise<Timing> {
  const all: Timing[] = [];
  for (let i = 0; i < runs; i++) all.push(await once(args, env));
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { first: median(all.map((t) => t.first)), exit: median(all.map((t) => t.exit)) };
}

const actionEnv = (name: string): Record<string, string> => ({
  INPUT_CONFIG: 'opsgate.yml',
  INPUT_OUT: `out-${name}`,
  INPUT_PUBLISH: 'false',
  'INPUT_EVIDENCE-DIRS': 'artifacts',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_EVENT_PATH: path.join(job, 'event.json'),
});

await measure(['-e', '0']); // warm the file cache before timing anything
const node = await measure(['-e', '0']);
const rows: [string, Timing][] = [['node -e 0', node]];
for (const name of Object.keys(actionDefinitions))
  rows.push([`dist/${name}.js`, await measure([path.join(root, 'dist', `${name}.js`)], actionEnv(name))]);
rows.push([
  'dist/opsgate.js gate (bundled CLI)',
  await measure([path.join(root, 'dist', 'opsgate.js'), 'gate', '--out', 'out-cli']),
]);

console.log(`| Invocation (${runs} runs, median) | first output ms | × node -e 0 | exit ms |`);
console.log('|---|---:|---:|---:|');
for (const [label, t] of rows)
  console.log(
    `| ${label} | ${t.first.toFixed(0)} | ${(t.first / node.first).toFixed(2)} | ${t.exit.toFixed(0)} |`,
  );
const slow = rows.filter(
  ([label, t]) => label.startsWith('dist/') && !label.includes('CLI') && t.first > TARGET_MS,
);
console.log(
  slow.length
    ? `\nover ${TARGET_MS} ms to first output: ${slow.map(([l]) => l).join(', ')}`
    : `\nevery action reaches its first output within ${TARGET_MS} ms`,
);
rmSync(job, { recursive: true, force: true });
