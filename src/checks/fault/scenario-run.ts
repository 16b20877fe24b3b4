import { setTimeout as sleep } from 'node:timers/promises';
import { durationMs } from '../../core/config/sections/common.js';
import type { FaultScenario } from '../../core/config/sections/fault.js';
import type { TargetConfig } from '../../core/config/sections/target.js';
import { TargetClient } from '../../engines/http/sessions.js';
import type { IdentityConfig } from '../../core/config/sections/identities.js';
import { runFaultAction, type ActionResult } from './fault-action.js';
import { missedExpectation, type ProbeSample } from './judge.js';
import { ProbeLoop } from './probe-loop.js';

/** Points on the scenario's clock (ms since probing started). */
export interface ScenarioMarks {
  injectStart?: number;
  injectEnd?: number;
  recoverStart?: number;
  recoverEnd?: number;
  /** Answer time of the first of K consecutive healthy rounds after recoverStart. */
  recoveredAt?: number;
  end: number;
}

export interface ScenarioRun {
  scenario: FaultScenario;
  startedAt: string;
  marks: ScenarioMarks;
  samples: ProbeSample[];
  rounds: number;
  skippedRounds: number;
  inject?: ActionResult;
  recover?: ActionResult;
  /** Set when SIGINT/SIGTERM cut the scenario short; `recover` still ran. */
  interrupted?: string;
}

export interface ScenarioOptions {
  target: TargetConfig;
  identities: Record<string, IdentityConfig>;
  configDir: string;
  signal: AbortSignal;
  log: (message: string) => void;
}

/** Bounded wait that ends early on abort (never throws). */
async function wait(ms: number, signal: AbortSignal, until?: () => boolean): Promise<void> {
  const end = performance.now() + ms;
  while (!signal.aborted && !(until?.() ?? false) && performance.now() < end) {
    await sleep(Math.min(50, Math.max(0, end - performance.now())));
  }
}

/**
 * before → inject → during → recover → (wait for K healthy rounds) → after, with one probe loop
 * at a fixed rate across all of it. `recover` runs whenever inject was started — on success, on
 * an inject failure, on an exception and on SIGINT/SIGTERM — before anything propagates.
 */
export async function runScenario(s: FaultScenario, opts: ScenarioOptions): Promise<ScenarioRun> {
  const p = s.probe;
  const client = new TargetClient({ ...opts.target, 'timeout-ms': durationMs(p.timeout) }, opts.identities);
  // Log in while the target is healthy: a login during the fault would fail for the wrong reason.
  for (const id of new Set(p.endpoints.map((e) => e.identity))) await client.session(id);
  const t0 = performance.now();
  const clock = (): number => performance.now() - t0;

  const marks: ScenarioMarks = { end: 0 };
  const run: ScenarioRun = {
    scenario: s,
    startedAt: new Date().toISOString(),
    marks,
    samples: [],
    rounds: 0,
    skippedRounds: 0,
  };
  const byName = new Map(p.endpoints.map((e) => [e.name, e]));
  let streak = 0;
  let streakStart: number | undefined;
  const onRound = (_round: number, samples: ProbeSample[]): void => {
    if (marks.recoverStart === undefined || marks.recoveredAt !== undefined) return;
    if (samples[0]!.sentAt < marks.recoverStart) return;
    const healthy = samples.every((x) => !missedExpectation(x, byName.get(x.endpoint)!.expect.after));
    if (!healthy) {
      streak = 0;
      streakStart = undefined;
      return;
    }
    streakStart ??= Math.max(...samples.map((x) => x.sentAt + x.ms));
    if (++streak >= p['healthy-after']) marks.recoveredAt = streakStart;
  };
  const phaseMs = (k: keyof typeof p.phases): number => durationMs(p.phases[k]);
  const maxMs =
    phaseMs('before') +
    phaseMs('during') +
    phaseMs('after') +
    phaseMs('recovery-timeout') +
    durationMs(s.inject.timeout) +
    durationMs(s.recover.timeout);
  const loop = new ProbeLoop({
    client,
    endpoints: p.endpoints,
    rate: p.rate,
    maxRounds: Math.ceil((p.rate * maxMs) / 1000) + 1,
    clock,
    onRound,
  });
  const action = { target: opts.target, configDir: opts.configDir, clock };
  const interrupted = (): boolean => {
    if (opts.signal.aborted) run.interrupted ??= String((opts.signal.reason as Error)?.message ?? 'aborted');
    return opts.signal.aborted;
  };

  loop.start();
  try {
    await drive();
  } finally {
    await loop.stop();
  }
  marks.end = clock();
  run.samples = loop.samples.sort((a, b) => a.sentAt - b.sentAt || a.endpoint.localeCompare(b.endpoint));
  run.rounds = loop.rounds;
  run.skippedRounds = loop.skipped;
  return run;

  async function drive(): Promise<void> {
    try {
      opts.log(`fault: ${s.name}: before (${p.phases.before})`);
      await wait(phaseMs('before'), opts.signal);
      if (!interrupted()) {
        opts.log(`fault: ${s.name}: inject`);
        marks.injectStart = clock();
        run.inject = await runFaultAction(s.inject, action);
        marks.injectEnd = clock();
        if (run.inject.ok) await wait(phaseMs('during'), opts.signal);
      }
    } finally {
      if (marks.injectStart !== undefined) {
        interrupted();
        opts.log(`fault: ${s.name}: recover`);
        marks.recoverStart = clock();
        run.recover = await runFaultAction(s.recover, action);
        marks.recoverEnd = clock();
      }
    }
    if (run.recover?.ok && !interrupted()) {
      opts.log(`fault: ${s.name}: waiting for ${p['healthy-after']} healthy rounds`);
      await wait(phaseMs('recovery-timeout'), opts.signal, () => marks.recoveredAt !== undefined);
      if (marks.recoveredAt !== undefined && !interrupted()) await wait(phaseMs('after'), opts.signal);
      interrupted();
    }
  }
}
