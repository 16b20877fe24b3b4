import { ConfigError, type ConfigProblem } from '../../core/errors.js';
import type { Evidence } from '../../core/evidence/model.js';
import { startEvidence } from '../../core/evidence/new-evidence.js';
import { fingerprintOf } from '../../core/gate/fingerprint.js';
import { destructiveAllowed } from '../../engines/http/host-policy.js';
import type { Check, CheckContext } from '../check.js';
import { checkConsistency, type ConsistencyResult } from './consistency.js';
import { addScenarioToEvidence, recovered } from './fault-evidence.js';
import { measureScenario } from './measure.js';
import { faultPreflight } from './preflight.js';
import { runScenario } from './scenario-run.js';

/**
 * The `fault` check: per scenario, probe the target at a fixed rate, break a dependency on
 * purpose, watch it degrade, repair it and measure time to detect, time to recover and the
 * error budget each phase spent. A scenario that does not come back stops the drill.
 */
export const faultCheck: Check = {
  name: 'fault',
  description:
    'fault drills: inject a dependency failure, probe before/during/after, time to detect and to recover',
  async run(ctx: CheckContext): Promise<Evidence> {
    const { config } = ctx;
    const cfg = config.fault;
    const problems: ConfigProblem[] = [];
    if (!cfg) throw new ConfigError([{ path: 'fault', message: 'no fault section in the configuration' }]);
    if (!cfg.enabled)
      problems.push({
        path: 'fault.enabled',
        message:
          'fault drills break things on purpose: set fault.enabled: true in the configuration of an environment that may be broken',
      });
    const destructive = destructiveAllowed(config.target);
    if (!destructive.allowed)
      problems.push({
        path: config.target['allow-destructive'] ? 'target.allow-hosts' : 'target.allow-destructive',
        message: `fault drills are destructive: ${destructive.reason}`,
      });
    problems.push(...faultPreflight(config));
    if (problems.length) throw new ConfigError(problems);

    const e = startEvidence('fault', config.target['base-url'], config.target.name);
    let stopped: string | undefined;
    const outcomes: string[] = [];
    for (const s of cfg.scenarios) {
      if (stopped || ctx.signal.aborted) {
        outcomes.push(`${s.name}: not run`);
        continue;
      }
      ctx.log(`fault: scenario ${s.name}`);
      const run = await runScenario(s, {
        target: config.target,
        identities: config.identities,
        configDir: ctx.configDir,
        signal: ctx.signal,
        log: ctx.log,
      });
      const m = measureScenario(run);
      let consistency: ConsistencyResult[] = [];
      if (recovered(run) && !run.interrupted && s.consistency.length)
        consistency = await checkConsistency(s.consistency, {
          target: config.target,
          identities: config.identities,
        });
      addScenarioToEvidence(e, run, m, consistency);
      outcomes.push(
        `${s.name}: detect ${m.ttdMs === null ? '—' : `${(m.ttdMs / 1000).toFixed(1)} s`}, recover ${m.ttrMs === null ? '—' : `${(m.ttrMs / 1000).toFixed(1)} s`}`,
      );
      if (run.interrupted) {
        e.error = {
          kind: 'FaultDrillInterrupted',
          message: `fault drill interrupted (${run.interrupted}) in scenario ${s.name}; recover ${run.recover ? (run.recover.ok ? 'ran and succeeded' : 'ran and FAILED') : 'was not needed'}`,
        };
        stopped = s.name;
      } else if (!recovered(run)) stopped = s.name;
    }
    if (stopped && !e.error) {
      const rest = cfg.scenarios.slice(cfg.scenarios.findIndex((x) => x.name === stopped) + 1);
      if (rest.length)
        e.findings.push({
          fingerprint: fingerprintOf('fault', 'drill-stopped'),
          severity: 'high',
          title: `fault drill stopped after ${stopped}: ${rest.length} scenario(s) not run`,
          detail: `${stopped} did not recover, so breaking more would only pile faults up: ${rest.map((x) => x.name).join(', ')} did not run.`,
        });
    }
    const failed = e.thresholds.filter((t) => !t.ok).length + e.findings.length;
    e.summary = `${outcomes.join('; ')}${failed ? ` — ${failed} problem(s)` : ''}`;
    return e;
  },
};
