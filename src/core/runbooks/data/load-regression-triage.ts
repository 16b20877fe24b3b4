import path from 'node:path';
import type { Evidence } from '../../evidence/model.js';
import { latestEvidence } from '../latest-evidence.js';
import type { RunbookContext, RunbookDefinition } from '../runbook.js';
import { shellComment, shellWord } from '../shell.js';
import type { TemplateData } from '../template.js';
import { describeSince, endpointOf, failingSince, mdCell, withUnit } from './control-history.js';
import { exportLines, rawConfig, scriptVariables } from './load-script-env.js';

/** One failing load control: a threshold or a regression against the baseline. */
interface LoadProblem {
  key: string;
  control: string;
  expected: string;
  actual: string;
  failing: (e: Evidence) => boolean | undefined;
}

/** Load regression triage: which endpoint, since when, and the exact profile to re-run locally. */
export const loadRegressionTriageRunbook: RunbookDefinition = {
  name: 'load-regression-triage',
  title: 'Load regression triage',
  description:
    'Open this when the load gate fails: a latency/error threshold is crossed or an endpoint regressed against its baseline.',
  async data(ctx) {
    const e = await latestEvidence(ctx, 'load');
    const problems = e ? loadProblems(e) : [];
    const rows: string[] = [];
    for (const p of problems) {
      const since = await failingSince(ctx.store, 'load', p.failing);
      rows.push(
        `| ${mdCell(p.key)} | ${mdCell(p.control)} | ${mdCell(p.expected)} | ${mdCell(p.actual)} | ${describeSince(since, 'this run')} |`,
      );
    }
    const data = (e?.data ?? {}) as { profile?: string; engine?: string; scenario?: unknown };
    const script = e?.artifacts.find((a) => a.path.endsWith('.js'));
    const history = await ctx.store.list('load', { limit: 10 }).catch(() => []);
    return {
      state: e
        ? `Latest load run: **${e.verdict}** at ${e.run.startedAt} against \`${e.target.url}\`${e.run.commit ? ` (commit \`${e.run.commit.slice(0, 7)}\`)` : ''} — ${mdCell(e.summary)}`
        : '_No load evidence yet: run `opsgate load`, then regenerate this runbook._',
      regressed: rows.length
        ? [
            '| Endpoint | Control | Expected | Actual | Failing since |',
            '|---|---|---|---|---|',
            ...rows,
          ].join('\n')
        : e
          ? '_Nothing is failing in the latest load run._'
          : '_No load evidence yet._',
      profile: data.profile ?? (ctx.config.load ? 'as configured in opsgate.yml' : 'not configured'),
      engine: e?.run.tool ? `${e.run.tool.name} ${e.run.tool.version}` : String(data.engine ?? 'k6'),
      reproduce: await reproduceCommands(ctx, e, script?.path, data.profile),
      history: history.length
        ? [
            '| Run | Commit | Verdict | Summary |',
            '|---|---|---|---|',
            ...history.map(
              (h) =>
                `| ${h.evidence.run.startedAt.slice(0, 16).replace('T', ' ')} | ${h.commit ? `\`${h.commit.slice(0, 7)}\`` : '—'} | ${h.evidence.verdict} | ${mdCell(h.evidence.summary)} |`,
            ),
          ].join('\n')
        : '_No stored load history yet (the evidence store fills up with each published run)._',
    } satisfies TemplateData;
  },
};

/** What the load check names a scope in its controls (evaluate-thresholds.ts, compare-baseline.ts). */
const METRIC_PREFIX = /^(p50|p90|p95|p99|error rate|min rps)\s+/;

/**
 * The endpoint a load control is about. Thresholds carry `METHOD /path` in their name
 * (`p95 dashboard (GET /api/dashboard)`); baseline comparisons only the endpoint's name
 * (`p95 dashboard`), looked up in the run's endpoints. `total` is all traffic.
 */
function endpointKey(name: string, e: Evidence): string {
  const ep = endpointOf(name);
  if (ep) return `${ep.method} ${ep.path}`;
  const scope = name.replace(METRIC_PREFIX, '');
  const endpoints = (e.data?.endpoints ?? []) as { name?: unknown; method?: unknown; path?: unknown }[];
  const known = Array.isArray(endpoints) ? endpoints.find((x) => x?.name === scope) : undefined;
  if (scope === 'total' || !known) return 'all traffic';
  return typeof known.method === 'string' && typeof known.path === 'string'
    ? `${known.method} ${known.path}`
    : scope;
}

function loadProblems(e: Evidence): LoadProblem[] {
  const out: LoadProblem[] = [];
  for (const t of e.thresholds.filter((x) => !x.ok && !x.skipped)) {
    out.push({
      key: endpointKey(t.name, e),
      control: t.name,
      expected: withUnit(t.limit, t.unit),
      actual: withUnit(t.actual, t.unit),
      failing: (h) => {
        const x = h.thresholds.find((y) => y.name === t.name);
        return x && !x.skipped ? !x.ok : undefined;
      },
    });
  }
  for (const c of (e.baseline?.comparisons ?? []).filter((x) => x.regressed)) {
    out.push({
      key: endpointKey(c.metric, e),
      control: `regression ${c.metric}`,
      expected: `≤ +${Math.round(c.limit * 100)}% vs ${c.baseline}`,
      actual: `${c.actual} (${c.change >= 0 ? '+' : ''}${Math.round(c.change * 100)}%)`,
      failing: (h) => h.baseline?.comparisons.find((y) => y.metric === c.metric)?.regressed,
    });
  }
  return out;
}

/** The `export` lines the script needs, or what to say when the evidence does not tell. */
async function scriptEnvLines(ctx: RunbookContext, e: Evidence, script: string): Promise<string[]> {
  const vars = await scriptVariables(e, ctx.outDir, script);
  if (!vars)
    return [
      '# set the OPSGATE_SECRET_<n> variables its header comment lists (values from your secret store)',
    ];
  if (!vars.length) return ['# the script reads no secrets'];
  const raw = await rawConfig(ctx.configFile ?? path.join(ctx.configDir, 'opsgate.yml'));
  return exportLines(vars, ctx.config, raw);
}

async function reproduceCommands(
  ctx: RunbookContext,
  e: Evidence | undefined,
  script: string | undefined,
  profile: string | undefined,
): Promise<string> {
  const lines = [
    'The run generated a plain k6 script (secrets are read from the environment, never embedded). Export what it reads from your own variables (the `${…}` names opsgate.yml uses), then run it:',
    '',
    '```sh',
  ];
  if (e && script)
    lines.push(
      `# from the run's out dir (${shellComment(path.basename(ctx.outDir))} here; on CI, the downloaded evidence artifact)`,
      ...(await scriptEnvLines(ctx, e, script)),
      // Target URL and artifact path are evidence text: quoted like any other value.
      `OPSGATE_BASE_URL=${shellWord(e.target.url)} k6 run ${shellWord(script)}`,
    );
  else
    lines.push(
      `npx opsgate load --config opsgate.yml --out opsgate-out   # writes opsgate-out/artifacts/load/script.js`,
    );
  lines.push(
    '```',
    '',
    `Same profile through opsgate (thresholds, baseline comparison and evidence included)${profile ? `, profile \`${profile}\`` : ''}:`,
    '',
    '```sh',
    'npx opsgate load --config opsgate.yml --out opsgate-out',
    '# compare with the stored run of the PR base (the evidence store keeps it):',
    'npx opsgate load --config opsgate.yml --out opsgate-out --baseline-commit <base-sha>',
    '```',
  );
  return lines.join('\n');
}
