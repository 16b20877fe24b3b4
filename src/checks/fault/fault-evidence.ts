import { durationMs } from '../../core/config/sections/common.js';
import type { Evidence, Finding } from '../../core/evidence/model.js';
import { fingerprintOf } from '../../core/gate/fingerprint.js';
import type { ConsistencyResult } from './consistency.js';
import type { ActionResult } from './fault-action.js';
import { budgetPhase, type ScenarioMeasurement } from './measure.js';
import type { ScenarioRun } from './scenario-run.js';
import { scenarioMarkdown } from './timeline-markdown.js';

const CHECK = 'fault';

function finding(parts: string[], f: Omit<Finding, 'fingerprint'>): Finding {
  return { fingerprint: fingerprintOf(CHECK, ...parts), ...f };
}

/** Whether the scenario left the target working: recover ran, succeeded and K healthy rounds followed. */
export function recovered(run: ScenarioRun): boolean {
  return run.recover === undefined || (run.recover.ok && run.marks.recoveredAt !== undefined);
}

function actionData(a: ActionResult | undefined): Record<string, unknown> | null {
  if (!a) return null;
  return { ...a, startedAt: Math.round(a.startedAt), ms: Math.round(a.ms) };
}

/** Thresholds (TTD, TTR, error budgets, p95), findings (failed actions, no recovery, consistency), data, section. */
export function addScenarioToEvidence(
  e: Evidence,
  run: ScenarioRun,
  m: ScenarioMeasurement,
  consistency: ConsistencyResult[],
): void {
  const s = run.scenario;
  const n = s.name;
  const injected = run.inject?.ok === true;
  const skip = (why: string) => ({ skipped: why });
  e.thresholds.push({
    name: `${n}: time to detect`,
    limit: durationMs(s['detect-within']),
    actual: m.ttdMs === null ? null : Math.round(m.ttdMs),
    ok: injected ? m.ttdMs !== null && m.ttdMs <= durationMs(s['detect-within']) : true,
    unit: 'ms',
    ...(run.inject === undefined
      ? skip('interrupted before inject')
      : injected
        ? {
            detail:
              m.ttdMs === null
                ? 'no probe showed the fault'
                : 'inject start → first answer showing the fault',
          }
        : skip('inject failed; the fault was never in place')),
  });
  e.thresholds.push({
    name: `${n}: time to recover`,
    limit: durationMs(s['recover-within']),
    actual: m.ttrMs === null ? null : Math.round(m.ttrMs),
    ok: run.recover === undefined ? true : m.ttrMs !== null && m.ttrMs <= durationMs(s['recover-within']),
    unit: 'ms',
    ...(run.recover === undefined
      ? skip('nothing was injected')
      : {
          detail:
            m.ttrMs === null
              ? `no ${s.probe['healthy-after']} consecutive healthy rounds within ${s.probe.phases['recovery-timeout']} of recover`
              : `recover start → first of ${s.probe['healthy-after']} consecutive healthy rounds`,
        }),
  });
  for (const phase of ['before', 'during', 'after'] as const) {
    const b = m.spent[phase];
    const limit = s['error-budget'][phase];
    const misses = m.stats
      .filter((x) => budgetPhase(x.phase) === phase && x.outside)
      .map(
        (x) =>
          `${x.endpoint}: ${Object.entries(x.misses)
            .map(([k, v]) => `${k} ×${v}`)
            .join(', ')}`,
      );
    e.thresholds.push({
      name: `${n}: error budget ${phase}`,
      limit,
      actual: b.share === null ? null : Math.round(b.share * 1000) / 1000,
      ok: b.share === null || b.share <= limit,
      ...(b.share === null
        ? skip(`no probes in the ${phase} phase`)
        : {
            detail: `${b.outside}/${b.probes} probes outside expectations${misses.length ? ` — ${misses.join('; ')}` : ''}`,
          }),
    });
  }
  for (const ep of s.probe.endpoints) {
    for (const phase of ['before', 'during', 'after'] as const) {
      const limit = ep.expect[phase].p95;
      if (limit === undefined) continue;
      const lat = m.stats.filter((x) => x.endpoint === ep.name && budgetPhase(x.phase) === phase);
      const p95 = lat.length ? Math.max(...lat.map((x) => x.p95 ?? 0)) : null;
      e.thresholds.push({
        name: `${n}: p95 ${ep.name} ${phase}`,
        limit: durationMs(limit),
        actual: p95 === null ? null : Math.round(p95),
        ok: p95 === null || p95 <= durationMs(limit),
        unit: 'ms',
        ...(p95 === null ? skip(`no answers in the ${phase} phase`) : {}),
      });
    }
  }
  for (const c of consistency)
    e.thresholds.push({ name: `${n}: consistency ${c.name}`, limit: c.expected, actual: c.actual, ok: c.ok });

  if (run.inject && !run.inject.ok)
    e.findings.push(
      finding([n, 'inject-failed'], {
        severity: 'high',
        title: `${n}: inject failed (${run.inject.error ?? 'unknown'})`,
        detail: `${run.inject.description}\n\n${run.inject.output || '(no output)'}`,
        location: run.inject.description,
        solution: 'Fix the inject action: the drill measured nothing while the fault was not in place.',
      }),
    );
  if (run.recover && !run.recover.ok)
    e.findings.push(
      finding([n, 'recover-failed'], {
        severity: 'critical',
        title: `${n}: recover failed (${run.recover.error ?? 'unknown'}) — the dependency may still be broken`,
        detail: `${run.recover.description}\n\n${run.recover.output || '(no output)'}`,
        location: run.recover.description,
        solution: `Repair by hand now: ${run.recover.description}`,
      }),
    );
  else if (run.recover && run.marks.recoveredAt === undefined && !run.interrupted)
    e.findings.push(
      finding([n, 'no-recovery'], {
        severity: 'critical',
        title: `${n}: the target did not recover after recover succeeded`,
        detail: `No ${s.probe['healthy-after']} consecutive rounds met expect.after within ${s.probe.phases['recovery-timeout']}. The dependency is back; the service is not (no reconnect, a stuck circuit breaker, a poisoned cache?).`,
        solution: 'Restart the service and make it reconnect to its dependencies on its own.',
      }),
    );
  const ep = (e.data?.scenarios as unknown[] | undefined) ?? [];
  e.data = {
    ...e.data,
    scenarios: [
      ...ep,
      {
        name: n,
        startedAt: run.startedAt,
        marks: Object.fromEntries(Object.entries(run.marks).map(([k, v]) => [k, Math.round(v as number)])),
        inject: actionData(run.inject),
        recover: actionData(run.recover),
        ttdMs: m.ttdMs === null ? null : Math.round(m.ttdMs),
        ttrMs: m.ttrMs === null ? null : Math.round(m.ttrMs),
        detectWithinMs: durationMs(s['detect-within']),
        recoverWithinMs: durationMs(s['recover-within']),
        errorBudget: m.spent,
        phases: m.stats,
        consistency,
        rounds: run.rounds,
        skippedRounds: run.skippedRounds,
        probes: run.samples.length,
        ...(run.interrupted ? { interrupted: run.interrupted } : {}),
        timeline: run.samples.map((x) => [Math.round(x.sentAt), x.endpoint, x.status, Math.round(x.ms)]),
      },
    ],
  };
  if (m.ttdMs !== null) e.metrics[`${n}.ttdMs`] = Math.round(m.ttdMs);
  if (m.ttrMs !== null) e.metrics[`${n}.ttrMs`] = Math.round(m.ttrMs);
  e.metrics[`${n}.probes`] = run.samples.length;
  e.sections = [
    ...(e.sections ?? []),
    { title: `Fault scenario: ${n}`, markdown: scenarioMarkdown(run, m, consistency) },
  ];
}
