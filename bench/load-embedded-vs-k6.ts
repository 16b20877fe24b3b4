/**
 * Maximum throughput of the embedded engine (autocannon) vs k6 against the same loopback endpoint,
 * both driven through `opsgate load` from the same config, alternating.
 *   npx tsx bench/load-embedded-vs-k6.ts [runs=2] [duration=5s] [vus=20]
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { main } from '../src/cli/main.js';
import type { Evidence } from '../src/core/evidence/model.js';
import { median, printTable, startLoopbackServer, writeBenchConfig } from './load-bench-kit.js';

const runs = Number(process.argv[2] ?? 2);
const duration = process.argv[3] ?? '5s';
const vus = Number(process.argv[4] ?? 20);

const server = await startLoopbackServer();
try {
  const { dir, file } = await writeBenchConfig(server.url, `  vus: ${vus}\n  duration: ${duration}`);
  const results: Record<'k6' | 'embedded', { rps: number[]; p95: number[] }> = {
    k6: { rps: [], p95: [] },
    embedded: { rps: [], p95: [] },
  };
  const quietLog = console.log;
  for (let i = 0; i < runs; i++) {
    for (const engine of ['k6', 'embedded'] as const) {
      const out = path.join(dir, `out-${engine}-${i}`);
      console.log = () => undefined;
      const code = await main(['--config', file, '--out', out, 'load', '--engine', engine]).finally(
        () => (console.log = quietLog),
      );
      if (code !== 0) throw new Error(`opsgate load --engine ${engine} exited ${code}`);
      const e = JSON.parse(await readFile(path.join(out, 'evidence', 'load.json'), 'utf8')) as Evidence;
      results[engine].rps.push(e.metrics['total.rps']!);
      results[engine].p95.push(e.metrics['total.p95_ms']!);
    }
  }
  const k6 = median(results.k6.rps);
  const emb = median(results.embedded.rps);
  console.log(`\nmax RPS, embedded engine vs k6 (${runs} runs each, ${vus} VUs × ${duration}, loopback)\n`);
  printTable([
    ['engine', 'median rps', 'median p95 ms', 'runs (rps)'],
    [
      'k6',
      k6.toFixed(0),
      median(results.k6.p95).toFixed(2),
      results.k6.rps.map((x) => x.toFixed(0)).join(' '),
    ],
    [
      'embedded (autocannon)',
      emb.toFixed(0),
      median(results.embedded.p95).toFixed(2),
      results.embedded.rps.map((x) => x.toFixed(0)).join(' '),
    ],
    ['ratio embedded/k6', `${(emb / k6).toFixed(2)}×`, '', ''],
  ]);
} finally {
  server.stop();
}
