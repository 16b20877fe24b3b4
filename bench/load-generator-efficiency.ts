/**
 * Generator efficiency: request rate of opsgate's generated k6 script vs a minimal k6 script
 * (`http.get(url)`) at the same VUs against the same loopback server. Target: ≥ 0.9×. Both run
 * with plain `k6 run`; runs alternate and medians of k6's own `http_reqs` rate are compared.
 * On the shared 2-core machine one run's rate swings by ±10 %: compare medians of 7+ runs, and
 * take the ratio from one invocation (both scripts under the same conditions), never across two.
 *   npx tsx bench/load-generator-efficiency.ts [runs=3] [duration=5s] [vus=10]
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { findK6 } from '../src/engines/k6/find-k6.js';
import { generateK6Script } from '../src/engines/k6/generate-script.js';
import type { LoadPlan } from '../src/engines/load-plan.js';
import { median, printTable, startLoopbackServer, writeBenchConfig } from './load-bench-kit.js';

const exec = promisify(execFile);
const runs = Number(process.argv[2] ?? 3);
const duration = process.argv[3] ?? '5s';
const vus = Number(process.argv[4] ?? 10);

const k6 = await findK6();
if (!k6) throw new Error('k6 not found');
const server = await startLoopbackServer();
try {
  const { dir } = await writeBenchConfig(server.url, `  engine: k6\n  vus: ${vus}\n  duration: ${duration}`);
  const plan: LoadPlan = {
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
    timeoutMs: 10_000,
    thresholds: { total: {}, endpoints: {} },
  };
  await writeFile(path.join(dir, 'generated.js'), generateK6Script(plan).source);
  await writeFile(
    path.join(dir, 'minimal.js'),
    `import http from 'k6/http';
export const options = { vus: ${vus}, duration: '${duration}' };
export default function () { http.get('${server.url}/'); }
export function handleSummary(data) { return { [__ENV.OPSGATE_SUMMARY]: JSON.stringify(data) }; }
`,
  );
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
  const generated: number[] = [];
  const minimal: number[] = [];
  for (let i = 0; i < runs; i++) {
    generated.push(await rate('generated.js'));
    minimal.push(await rate('minimal.js'));
  }
  const g = median(generated);
  const m = median(minimal);
  console.log(`\ngenerated vs minimal k6 script (${runs} runs each, ${vus} VUs × ${duration}, loopback)\n`);
  printTable([
    ['', 'median rps', 'runs (rps)'],
    ['generated script', g.toFixed(0), generated.map((x) => x.toFixed(0)).join(' ')],
    ['minimal http.get', m.toFixed(0), minimal.map((x) => x.toFixed(0)).join(' ')],
    ['ratio', `${(g / m).toFixed(3)}×`, `target ≥ 0.9× (${g / m >= 0.9 ? 'met' : 'missed'})`],
  ]);
} finally {
  server.stop();
}
