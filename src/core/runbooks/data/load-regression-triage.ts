import type { Evidence } from '../../evidence/model.js';
import { latestEvidence } from '../latest-evidence.js';
import type { RunbookDefinition } from '../runbook.js';
import type { TemplateData } from '../template.js';
import { describeSince, endpointOf, failingSince, mdCell, withUnit } from './control-history.js';

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
      reproduce: reproduceCommands(e, script?.path, data.profile),
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

function loadProblems(e: Evidence): LoadProblem[] {
  const out: LoadProblem[] = [];
  for (const t of e.thresholds.filter((x) => !x.ok && !x.skipped)) {
    const ep = endpointOf(t.name);
    out.push({
      key: ep ? `${ep.method} ${ep.path}` : 'all traffic',
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
    const ep = endpointOf(c.metric);
    out.push({
      key: ep ? `${ep.method} ${ep.path}` : 'all traffic',
      control: `regression ${c.metric}`,
      expected: `≤ +${Math.round(c.limit * 100)}% vs ${c.baseline}`,
      actual: `${c.actual} (${c.change >= 0 ? '+' : ''}${Math.round(c.change * 100)}%)`,
      failing: (h) => h.baseline?.comparisons.find((y) => y.metric === c.metric)?.regressed,
    });
  }
  return out;
}

function reproduceCommands(
  e: Evidence | undefined,
  script: string | undefined,
  profile: string | undefined,
): string {
  const base = e?.target.url ?? '$BASE_URL';
  const lines = [
    'The run generated a plain k6 script (secrets are read from the environment, never embedded):',
    '',
    '```sh',
  ];
  if (script) lines.push(`OPSGATE_BASE_URL=${base} k6 run ${script}`);
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
