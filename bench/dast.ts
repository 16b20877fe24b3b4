/**
 * dast benchmark: what opsgate adds on top of ZAP. ZAP itself cannot run here (no Docker), so the
 * "raw tool" is (1) reading the ZAP JSON report with JSON.parse and (2) running the scan command
 * (a fake docker that writes a real report and exits) directly. Run: `npx tsx bench/dast.ts`.
 * ZAP baseline scans report at most 10 instances per rule (passiveScan-config maxAlertsPerRule),
 * so real reports sit at the small end of the sizes below.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyDastPolicy } from '../src/checks/dast/dast-policy.js';
import { groupAlerts } from '../src/checks/dast/zap-findings.js';
import { main } from '../src/cli/main.js';
import { startEvidence } from '../src/core/evidence/new-evidence.js';
import { renderSarif } from '../src/core/render/sarif.js';
import { parseZapReport } from '../src/engines/zap/parse-zap-report.js';
import { installFakeDocker } from '../test/checks/dast/fake-docker.js';

const REPORT = path.resolve(
  import.meta.dirname,
  '../test/fixtures/zap/zap-2.17.0-baseline-insights-systemic.json',
);

interface Raw {
  site: { alerts: { systemic?: boolean; instances: { uri: string }[]; count: string }[] }[];
}

/** The real report with each alert's instances spread over `perAlert` distinct paths. */
function scaled(text: string, perAlert: number): string {
  const r = JSON.parse(text) as Raw;
  for (const a of r.site[0]!.alerts) {
    const proto = a.instances[0]!;
    a.systemic = false;
    a.instances = Array.from({ length: perAlert }, (_, i) => ({
      ...proto,
      uri: `http://localhost:3000/p${i}/item?id=${i}`,
    }));
    a.count = String(perAlert);
  }
  return JSON.stringify(r);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void, runs = 5): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  return median(t);
}

const base = await readFile(REPORT, 'utf8');
const rows: string[][] = [];
for (const perAlert of [10, 100, 1_000]) {
  const text = scaled(base, perAlert);
  const raw = time(() => JSON.parse(text));
  const ours = time(() => {
    const report = parseZapReport(text);
    const e = startEvidence('dast', 'http://localhost:3000');
    e.findings = applyDastPolicy(groupAlerts(report.alerts), {
      failOn: 'high',
      gateSeverity: 'medium',
      suppressions: [
        {
          rule: '10038',
          url: '/p1',
          reason: 'bench suppression entry',
          owner: 'bench',
          expires: '2099-01-01',
        },
      ],
      today: '2026-11-23',
    });
    JSON.stringify(
      renderSarif(
        e,
        { name: 'ZAP', rules: [] },
        { locate: () => ({ file: 'opsgate.yml', line: 1 }), informational: 'omit' },
      ),
    );
  });
  rows.push([
    `report → findings + SARIF, ${perAlert * 10} instances`,
    `${raw.toFixed(1)} ms`,
    `${ours.toFixed(1)} ms`,
    `${(ours / raw).toFixed(1)}×`,
  ]);
}

// End to end: `opsgate dast` in-process vs spawning the scan command alone.
const docker = await installFakeDocker();
const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-bench-dast-'));
await writeFile(
  path.join(dir, 'opsgate.yml'),
  'version: 1\ntarget:\n  base-url: http://127.0.0.1:9/\ndast:\n  mode: baseline\n',
);
process.env.PATH = `${docker.binDir}${path.delimiter}${process.env.PATH}`;
process.env.FAKE_DOCKER_LOG = docker.logFile;
process.env.FAKE_ZAP_REPORT = REPORT;
process.env.FAKE_ZAP_EXIT = '2';
const rawRun: number[] = [];
const ourRun: number[] = [];
const quiet = { log: console.log, write: process.stderr.write.bind(process.stderr) };
for (let i = 0; i < 5; i++) {
  const wrk = await mkdtemp(path.join(dir, 'wrk-'));
  let s = performance.now();
  spawnSync('docker', [
    'run',
    '--rm',
    '-v',
    `${wrk}:/zap/wrk/:rw`,
    '-t',
    'img',
    'zap-baseline.py',
    '-t',
    'http://127.0.0.1:9/',
    '-J',
    'report.json',
  ]);
  rawRun.push(performance.now() - s);
  console.log = () => undefined;
  process.stderr.write = () => true;
  s = performance.now();
  await main(['--config', path.join(dir, 'opsgate.yml'), '--out', path.join(dir, `out${i}`), 'dast']);
  ourRun.push(performance.now() - s);
  console.log = quiet.log;
  process.stderr.write = quiet.write;
}
const r = median(rawRun);
const o = median(ourRun);
rows.push([
  'scan command alone vs `opsgate dast` (fake docker)',
  `${r.toFixed(1)} ms`,
  `${o.toFixed(1)} ms`,
  `${(o / r).toFixed(1)}× (+${(o - r).toFixed(0)} ms)`,
]);

const head = ['case', 'raw tool', 'opsgate', 'ratio'];
const width = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
console.log([line(head), line(width.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
process.exit(0);
