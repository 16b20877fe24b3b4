/**
 * opsgate + k6 wall time for a user's own script (`load.script`) vs a raw `k6 run` of the same
 * script, against a loopback server. Target: ≤ 1.05×. opsgate adds the wrapper module and k6's
 * point stream (`--out json=`, read while k6 runs) for per-endpoint rows. Runs alternate;
 * medians are compared. Measured on the 2-core development machine: 1.064× for 10 VUs × 5 s
 * (k6's last flush of the stream is a fixed ~0.2 s), 1.016× for 10 VUs × 15 s.
 *   npx tsx bench/load-user-script-overhead.ts [runs=3] [duration=5s] [vus=10]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { main } from '../src/cli/main.js';
import { findK6 } from '../src/engines/k6/find-k6.js';
import { median, printTable, startLoopbackServer } from './load-bench-kit.js';

const exec = promisify(execFile);
const runs = Number(process.argv[2] ?? 3);
const duration = process.argv[3] ?? '5s';
const vus = Number(process.argv[4] ?? 10);

const k6 = await findK6();
if (!k6) throw new Error('k6 not found');
const server = await startLoopbackServer();
try {
  const work = await mkdtemp(path.join(os.tmpdir(), 'opsgate-bench-'));
  await writeFile(
    path.join(work, 'test.js'),
    `import http from 'k6/http';
import { check } from 'k6';
export const options = { vus: ${vus}, duration: '${duration}', thresholds: { http_req_duration: ['p(95)<1000'] } };
export default function () {
  check(http.get(__ENV.BASE_URL + '/', { tags: { name: 'hello' } }), { 'status 200': (r) => r.status === 200 });
}
`,
  );
  const file = path.join(work, 'opsgate.yml');
  await writeFile(
    file,
    `version: 1\ntarget:\n  base-url: ${server.url}\nstore:\n  dir: store\nload:\n  script: test.js\n  baseline: { store: false }\n`,
  );
  const withOpsgate: number[] = [];
  const raw: number[] = [];
  const quietLog = console.log;
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    console.log = () => undefined;
    const code = await main(['--config', file, '--out', path.join(work, `out-${i}`), 'load']).finally(
      () => (console.log = quietLog),
    );
    withOpsgate.push(performance.now() - t);
    if (code !== 0) throw new Error(`opsgate load exited ${code}`);
    t = performance.now();
    await exec(k6, ['run', '--no-usage-report', 'test.js'], {
      cwd: work,
      env: { ...process.env, BASE_URL: server.url, K6_NO_USAGE_REPORT: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    });
    raw.push(performance.now() - t);
  }
  const a = median(withOpsgate);
  const b = median(raw);
  console.log(
    `\nopsgate+k6 (user script) vs raw k6 run (${runs} runs each, ${vus} VUs × ${duration}, loopback)\n`,
  );
  printTable([
    ['', 'median wall ms', 'runs (ms)'],
    ['opsgate load (load.script)', a.toFixed(0), withOpsgate.map((x) => x.toFixed(0)).join(' ')],
    ['k6 run test.js', b.toFixed(0), raw.map((x) => x.toFixed(0)).join(' ')],
    ['ratio', `${(a / b).toFixed(3)}×`, `target ≤ 1.05× (${a / b <= 1.05 ? 'met' : 'missed'})`],
  ]);
} finally {
  server.stop();
}
