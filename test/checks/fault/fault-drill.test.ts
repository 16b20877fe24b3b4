import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoTarget } from '../../../examples/demo-target/src/server.js';
import { faultCheck } from '../../../src/checks/fault/fault-check.js';
import { runCheck } from '../../../src/checks/run-check.js';
import type { Evidence } from '../../../src/core/evidence/model.js';
import { formatDuration } from '../../../src/core/render/format-duration.js';
import { renderRunbooks } from '../../../src/core/runbooks/render-runbooks.js';
import { DEMO_PASSWORD } from '../../support/demo.js';
import { demoContext } from '../demo-check-context.js';
import {
  databaseDownScenario,
  databaseUp,
  faultConfig,
  startFaultDemo,
  startScratchCluster,
} from './fault-helpers.js';

/**
 * Real fault drills: the demo target on a PostgreSQL cluster of its own, which each scenario
 * stops (pg_ctl stop -m fast) and starts again while opsgate probes the target over HTTP.
 */
const root = path.resolve(import.meta.dirname, '../../..');
let cluster: Awaited<ReturnType<typeof startScratchCluster>>;
beforeAll(async () => {
  cluster = await startScratchCluster();
});
afterAll(async () => {
  await cluster?.remove();
});

type Scenario = { name: string; ttdMs: number | null; ttrMs: number | null; consistency: { ok: boolean }[] };

async function drill(
  flaws: string[],
  scenarios = [databaseDownScenario(cluster)],
): Promise<{ e: Evidence; report: string; runbook: string }> {
  const target: DemoTarget = await startFaultDemo(cluster, flaws);
  const ctx = await demoContext(faultConfig(target.url, scenarios));
  try {
    const { evidence } = await runCheck(faultCheck, ctx);
    const [dr] = await renderRunbooks({ ...ctx, names: ['disaster-recovery'] });
    return {
      e: evidence,
      report: await readFile(path.join(ctx.outDir, 'report.md'), 'utf8'),
      runbook: await readFile(dr!.file, 'utf8'),
    };
  } finally {
    await target.close();
    await ctx.cleanup();
  }
}

const threshold = (e: Evidence, name: string) => e.thresholds.find((t) => t.name === name)!;
const scenario = (e: Evidence, i = 0) => (e.data!.scenarios as Scenario[])[i]!;

describe('fault drill against the demo target on a real PostgreSQL', () => {
  it('healthy demo: degrades gracefully, detects within 2 s, recovers within 5 s, data consistent', async () => {
    const { e, report, runbook } = await drill([]);
    const s = scenario(e);
    console.log(
      `healthy demo: TTD ${s.ttdMs} ms, TTR ${s.ttrMs} ms, ${e.metrics['database down.probes']} probes`,
    );
    expect(e.findings).toEqual([]);
    expect(e.thresholds.filter((t) => !t.ok)).toEqual([]);
    expect(e.verdict).toBe('pass');
    expect(s.ttdMs).toBeGreaterThanOrEqual(0);
    expect(s.ttdMs).toBeLessThan(2000);
    expect(s.ttrMs).toBeLessThan(5000);
    expect(s.consistency.map((c) => c.ok)).toEqual([true, true]);
    expect(threshold(e, 'database down: error budget during').actual).toBe(0);
    expect(report).toContain('Fault scenario: database down');
    expect(report).toContain('```mermaid');
    // The DR runbook: a section for the scenario with its measured TTR and the exact commands.
    expect(runbook).toContain('### database down');
    expect(runbook).toContain(`| Time to recover | 5.0 s | ${formatDuration(s.ttrMs!)} |`);
    expect(runbook).toMatch(/pg_ctl stop -D \S+ -m fast/);
    expect(runbook).toMatch(/pg_ctl start -D \S+ -w/);
    expect(await databaseUp(cluster.databaseUrl)).toBe(true);
  });

  it('no-db-reconnect: fails on time to recover, stops the drill, PostgreSQL is running again', async () => {
    const { e } = await drill(
      ['no-db-reconnect'],
      [databaseDownScenario(cluster), databaseDownScenario(cluster, 'database down again')],
    );
    expect(e.verdict).toBe('fail');
    const ttr = threshold(e, 'database down: time to recover');
    expect(ttr.ok).toBe(false);
    expect(ttr.actual).toBeNull();
    // Degradation itself was graceful: detected in time, no 500 while down.
    expect(threshold(e, 'database down: time to detect').ok).toBe(true);
    expect(threshold(e, 'database down: error budget during').ok).toBe(true);
    expect(e.findings.map((f) => f.title)).toEqual([
      'database down: the target did not recover after recover succeeded',
      'fault drill stopped after database down: 1 scenario(s) not run',
    ]);
    expect(e.summary).toContain('database down again: not run');
    expect(await databaseUp(cluster.databaseUrl)).toBe(true);
  });

  it('crash-on-db-loss: fails the during-fault expectations (500s, /health never says 503)', async () => {
    const { e } = await drill(['crash-on-db-loss']);
    expect(e.verdict).toBe('fail');
    const during = threshold(e, 'database down: error budget during');
    expect(during.ok).toBe(false);
    expect(during.detail).toMatch(/status 500/);
    expect(threshold(e, 'database down: time to detect').ok).toBe(false);
    // It does come back once PostgreSQL is there again: the pool reconnects.
    expect(threshold(e, 'database down: time to recover').ok).toBe(true);
    expect(await databaseUp(cluster.databaseUrl)).toBe(true);
  });
});

describe('a fault drill interrupted by SIGTERM', () => {
  it('runs recover during the fault phase, PostgreSQL is back, exit 3 with partial evidence', async () => {
    const target = await startFaultDemo(cluster);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-fault-term-'));
    try {
      const s = databaseDownScenario(cluster);
      s.probe.phases.during = '20s';
      await writeFile(path.join(dir, 'opsgate.yml'), stringify(faultConfig(target.url, [s])));
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(root, 'src/cli/main.ts'),
          'fault',
          '--config',
          path.join(dir, 'opsgate.yml'),
          '--out',
          path.join(dir, 'out'),
        ],
        {
          cwd: root,
          env: { ...process.env, DEMO_USER_PASSWORD: DEMO_PASSWORD },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`inject never started:\n${stderr}`)), 60_000);
        child.on('close', () => reject(new Error(`opsgate exited before inject:\n${stderr}`)));
        child.stderr!.on('data', (c: Buffer) => {
          stderr += c.toString();
          if (/database down: inject/.test(stderr)) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      // Well inside the 20 s fault phase: PostgreSQL is down now.
      await new Promise((r) => setTimeout(r, 2500));
      expect(await databaseUp(cluster.databaseUrl)).toBe(false);
      const sent = Date.now();
      child.kill('SIGTERM');
      expect(await exited).toBe(3);
      console.log(`SIGTERM → exit in ${Date.now() - sent} ms`);
      expect(stderr).toContain('SIGTERM received');
      expect(await databaseUp(cluster.databaseUrl)).toBe(true);
      const e = JSON.parse(await readFile(path.join(dir, 'out/evidence/fault.json'), 'utf8')) as Evidence;
      expect(e.verdict).toBe('error');
      expect(e.error?.kind).toBe('FaultDrillInterrupted');
      expect(e.error?.message).toContain('recover ran and succeeded');
      const data = scenario(e) as Scenario & { recover: { ok: boolean }; interrupted: string };
      expect(data.recover.ok).toBe(true);
      expect(data.interrupted).toContain('SIGTERM');
      expect(data.ttdMs).not.toBeNull();
    } finally {
      await target.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
