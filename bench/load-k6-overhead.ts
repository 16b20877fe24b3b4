/**
 * opsgate + k6 wall time vs a raw `k6 run` of the same generated script, against a loopback
 * server. Target: ≤ 1.05×. Runs alternate (opsgate, raw, opsgate, raw, …); medians are compared.
 *   npx tsx bench/load-k6-overhead.ts [runs=3] [duration=5s] [vus=10]
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { main } from '../src/cli/main.js';
import { findK6 } from '../src/engines/k6/find-k6.js';
import { median, printTable, startLoopbackServer, writeBenchConfig } from './load-bench-kit.js';

const exec = promisify(execFile);
const runs = Number(process.argv[2] ?? 3);
const duration = process.argv[3] ?? '5s';
const vus = Number(process.argv[4] ?? 10);

const k6 = await findK6();
if (!k6) throw new Error('k6 not found');
const server = await startLoopbackServer();
try {
  const { dir, file } = await writeBenchConfig(
    server.url,
    `  engine: k6\n  vus: ${vus}\n  duration: ${duration}`,
  );
  const withOpsgate: number[] = [];
  const raw: number[] = [];
  const quietLog = console.log;
  for (let i = 0; i < runs; i++) {
    const out = path.join(dir, `out-${i}`);
    let t = performance.now();
    console.log = () => undefined;
    const code = await main(['--config', file, '--out', out, 'load']).finally(() => (console.log = quietLog));
    withOpsgate.push(performance.now() - t);
    if (code !== 0) throw new Error(`opsgate load exited ${code}`);
    const artifacts = path.join(out, 'artifacts', 'load');
    t = performance.now();
    await exec(k6, ['run', '--no-usage-report', 'script.js'], {
      cwd: artifacts,
      env: { ...process.env, OPSGATE_SUMMARY: 'raw-summary.json', K6_NO_USAGE_REPORT: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    });
    raw.push(performance.now() - t);
  }
  const a = median(withOpsgate);
  const b = median(raw);
  console.log(`\nopsgate+k6 vs raw k6 run (${runs} runs each, ${vus} VUs × ${duration}, loopback)\n`);
  printTable([
    ['', 'median wall ms', 'runs (ms)'],
    ['opsgate load (k6)', a.toFixed(0), withOpsgate.map((x) => x.toFixed(0)).join(' ')],
    ['k6 run script.js', b.toFixed(0), raw.map((x) => x.toFixed(0)).join(' ')],
    ['ratio', `${(a / b).toFixed(3)}×`, `target ≤ 1.05× (${a / b <= 1.05 ? 'met' : 'missed'})`],
  ]);
} finally {
  server.stop();
}
