import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoTarget } from '../../../examples/demo-target/src/server.js';
import { faultCheck } from '../../../src/checks/fault/fault-check.js';
import { runCheck } from '../../../src/checks/run-check.js';
import type { Evidence } from '../../../src/core/evidence/model.js';
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
): Promise<{ e: Evidence; report: string }> {
  const target: DemoTarget = await startFaultDemo(cluster, flaws);
  const ctx = await demoContext(faultConfig(target.url, scenarios));
  try {
    const { evidence } = await runCheck(faultCheck, ctx);
    return { e: evidence, report: await readFile(path.join(ctx.outDir, 'report.md'), 'utf8') };
  } finally {
    await target.close();
    await ctx.cleanup();
  }
}

const threshold = (e: Evidence, name: string) => e.thresholds.find((t) => t.name === name)!;
const scenario = (e: Evidence, i = 0) => (e.data!.scenarios as Scenario[])[i]!;

describe('fault drill against the demo target on a real PostgreSQL', () => {
  it('healthy demo: degrades gracefully, detects within 2 s, recovers within 5 s, data consistent', async () => {
    const { e, report } = await drill([]);
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
