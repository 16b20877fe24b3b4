/**
 * Compare a finished run with its baseline and store it. Decides whether the comparison can be
 * trusted at all (same plan, engine and profile; a generator that was not saturated; enough
 * samples) and whether this run may serve as a baseline later.
 */
import type { Evidence } from '../../core/evidence/model.js';
import { controlsOf, verdictOf } from '../../core/gate/controls.js';
import { policyFor } from '../../core/gate/gate.js';
import type { LoadRunResult } from '../../engines/load-plan.js';
import type { CheckContext } from '../check.js';
import type { Acquired } from './acquire-result.js';
import { chooseBaseline, compareWithBaseline, comparisonTable, trendSection } from './compare-baseline.js';
import { loadConfigOf } from './plan-load.js';

export interface StoreOptions {
  baselineCommit?: string;
  commit?: string;
  branch?: string;
}

/** Why this run's own numbers are not to be trusted as a comparison, if they are not. */
function saturationOf(acquired: Acquired, result: LoadRunResult): string | undefined {
  if (acquired.generator?.saturated) return `generator saturated: ${acquired.generator.saturated}`;
  if (result.droppedIterations)
    return `generator saturated: k6 dropped ${result.droppedIterations} iterations (the generator could not keep the schedule)`;
  return undefined;
}

export async function compareAndStore(
  ctx: CheckContext,
  evidence: Evidence,
  acquired: Acquired,
  opts: StoreOptions,
): Promise<void> {
  const cfg = loadConfigOf(ctx.config);
  const { result, planKey, profile } = acquired;
  const commit = opts.baselineCommit ?? process.env.OPSGATE_BASELINE_COMMIT ?? cfg.baseline.commit;
  const choice = await chooseBaseline(
    ctx.store,
    { planKey, engine: result.engine, profile, target: evidence.target.url },
    {
      commit: commit || undefined,
      branch: cfg.baseline.branch,
      fallbackLatest: cfg.baseline['fallback-latest'],
      window: cfg.regression.window,
    },
  );
  const saturated = saturationOf(acquired, result);
  const fewSamples =
    result.total.responses < cfg.regression['min-samples']
      ? `${result.total.responses} latency samples in this run, ${cfg.regression['min-samples']} needed`
      : undefined;
  const comparisons = compareWithBaseline(
    { total: result.total, endpoints: result.endpoints },
    choice,
    cfg.regression,
    saturated,
  );
  // Never a yardstick: a saturated run, a run on an engine nobody chose, a run too small to say.
  const engineAccident = choice.inconclusive?.startsWith('engine changed') && acquired.engineByAuto;
  const inconclusive = saturated
    ? `${saturated}; not compared and not kept as a baseline`
    : engineAccident
      ? `${choice.inconclusive}; not compared and not kept as a baseline (the engine was chosen by auto: set load.engine to start a baseline for it)`
      : choice.inconclusive && `${choice.inconclusive}; not compared`;
  const eligible = !saturated && !engineAccident && !fewSamples;
  evidence.data = {
    ...evidence.data,
    baselineEligible: eligible,
    ...(eligible
      ? {}
      : {
          baselineIneligible: saturated ?? (engineAccident ? choice.inconclusive : fewSamples),
        }),
  };
  evidence.baseline = {
    source: choice.runs.length
      ? `${choice.source}: median of ${choice.runs.length} accepted run${choice.runs.length === 1 ? '' : 's'} (${ctx.store.description})`
      : `${choice.source}: ${choice.note ?? 'nothing to compare'}`,
    ...(choice.runs[0] ? { recordedAt: choice.runs[0].recordedAt } : {}),
    ...(inconclusive ? { inconclusive } : {}),
    comparisons,
  };
  if (inconclusive) evidence.summary += `; regression inconclusive: ${inconclusive}`;
  if (comparisons.length)
    evidence.sections!.push({
      title: 'Baseline comparison',
      markdown: comparisonTable(choice.source, comparisons),
    });
  evidence.sections!.push({ title: 'Latency trend', markdown: trendSection(choice.history, result.total) });
  const regressed = comparisons.filter((c) => c.regressed);
  if (regressed.length)
    evidence.summary += `; regressed vs ${choice.source}: ${regressed.map((c) => c.metric).join(', ')}`;
  if (cfg.baseline.store) {
    // The runner sets the verdict after run(); the stored copy needs it now.
    const policy = policyFor(ctx.config, 'load');
    evidence.verdict = verdictOf(controlsOf(evidence, policy), policy);
    const stored = await ctx.store.put(evidence, {
      commit: opts.commit ?? process.env.OPSGATE_COMMIT ?? process.env.GITHUB_SHA,
      branch:
        opts.branch ??
        process.env.OPSGATE_BRANCH ??
        (process.env.GITHUB_HEAD_REF || process.env.GITHUB_REF_NAME),
    });
    ctx.log(
      `load: stored as ${stored.key} in ${ctx.store.description}${eligible ? '' : ' (not a baseline)'}`,
    );
  }
}
