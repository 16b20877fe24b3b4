/**
 * Generator efficiency: request rate of opsgate's generated k6 script vs a minimal k6 script
 * (`http.get(url)`) at the same VUs against the same loopback server. Target: ≥ 0.9×. All run
 * with plain `k6 run`; runs alternate and medians of k6's own `http_reqs` rate are compared.
 * Each pair sends requests with the same k6 settings: k6's own 60 s request timeout, and
 * opsgate's default 10 s one (any params object costs k6 a few µs per request, whoever writes it).
 * On the shared 2-core machine one run's rate swings by ±10 %: compare medians of 7+ runs, and
 * take the ratio from one invocation (all scripts under the same conditions), never across two.
 *   npx tsx bench/load-generator-efficiency.ts [runs=3] [duration=5s] [vus=10]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findK6 } from '../src/engines/k6/find-k6.js';
import { generateK6Script } from '../src/engines/k6/generate-script.js';
import type { LoadPlan } from '../src/engines/load-plan.js';
import { median, printTable, startLoopbackServer } from './load-bench-kit.js';

const exec = promisify(execFile);
const runs = Number(process.argv[2] ?? 3);
const duration = process.argv[3] ?? '5s';
const vus = Number(process.argv[4] ?? 10);

const k6 = await findK6();
if (!k6) throw new Error('k6 not found');
const server = await startLoopbackServer();
try {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-bench-'));
  const plan = (timeoutMs: number): LoadPlan => ({
    baseUrl: server.url,
    profile: 'bench',
    endpoints: [
      {
        name: 'hello',
        method: 'GET',
        path: '/',
        headers: {},
        identity: 'anonymous',
        weight: 1,
        tags: {},
        expect: [200],
      },
    ],
    identities: { anonymous: { name: 'anonymous', kind: 'static', headers: {} } },
    scenario: { kind: 'constant', vus, durationS: Number.parseFloat(duration) },
    thinkTimeS: 0,
    timeoutMs,
    thresholds: { total: {}, endpoints: {} },
  });
  const minimal = (params: string): string => `import http from 'k6/http';
export const options = { vus: ${vus}, duration: '${duration}' };
export default function () { http.get('${server.url}/'${params}); }
export function handleSummary(data) { return { [__ENV.OPSGATE_SUMMARY]: JSON.stringify(data) }; }
`;
  // Pairs with the same request settings: [generated, minimal] for each timeout.
  const scripts: [string, string][] = [
    ['generated, k6 default timeout', generateK6Script(plan(60_000)).source],
    ['minimal http.get(url)', minimal('')],
    ['generated, 10 s timeout', generateK6Script(plan(10_000)).source],
    ["minimal http.get(url, { timeout: '10s' })", minimal(", { timeout: '10s' }")],
  ];
  for (const [i, [, source]] of scripts.entries()) await writeFile(path.join(dir, `script-${i}.js`), source);
  const rate = async (script: string): Promise<number> => {
    const summary = path.join(dir, `${script}.summary.json`);
    await exec(k6, ['run', '--quiet', '--no-usage-report', script], {
      cwd: dir,
      env: { ...process.env, OPSGATE_SUMMARY: summary, K6_NO_USAGE_REPORT: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const data = JSON.parse(await readFile(summary, 'utf8')) as {
      metrics: { http_reqs: { values: { rate: number } } };
    };
    return data.metrics.http_reqs.values.rate;
  };
  const rates: number[][] = scripts.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (const i of scripts.keys()) rates[i]!.push(await rate(`script-${i}.js`));
  }
  const rows = scripts.map(([name], i) => [name, median(rates[i]!), rates[i]!] as const);
  const row = (i: number): string[] => [
    rows[i]![0],
    rows[i]![1].toFixed(0),
    rows[i]![2].map((x) => x.toFixed(0)).join(' '),
  ];
  const ratio = (generated: number, minimal: number): string[] => {
    const x = rows[generated]![1] / rows[minimal]![1];
    return ['  ratio', `${x.toFixed(3)}×`, `target ≥ 0.9× (${x >= 0.9 ? 'met' : 'missed'})`];
  };
  console.log(`\ngenerated vs minimal k6 script (${runs} runs each, ${vus} VUs × ${duration}, loopback)\n`);
  printTable([['', 'median rps', 'runs (rps)'], row(0), row(1), ratio(0, 1), row(2), row(3), ratio(2, 3)]);
} finally {
  server.stop();
}
