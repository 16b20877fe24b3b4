import type { Finding } from '../../evidence/model.js';
import { policyFor } from '../../gate/gate.js';
import { severityAtLeast } from '../../gate/controls.js';
import { latestEvidence } from '../latest-evidence.js';
import type { RunbookDefinition } from '../runbook.js';
import type { TemplateData } from '../template.js';
import { describeSince, failingSince, mdCell } from './control-history.js';

/** Security findings triage: what the header checks and DAST found, how bad, since when, what to do. */
export const securityFindingsTriageRunbook: RunbookDefinition = {
  name: 'security-findings-triage',
  title: 'Security findings triage',
  description:
    'Open this when the headers or DAST gate fails, or an opsgate issue for a security finding is assigned to you.',
  async data(ctx) {
    const sections: Record<string, string> = {};
    const summary: string[] = [];
    for (const check of ['headers', 'dast'] as const) {
      const e = await latestEvidence(ctx, check);
      const policy = policyFor(ctx.config, check);
      if (!e) {
        sections[check] =
          `_No ${check} evidence yet: run \`opsgate ${check}\`, then regenerate this runbook._`;
        continue;
      }
      const skip = e.verdict === 'skip' ? (e.skipped?.reason ?? e.summary) : undefined;
      summary.push(
        `| ${check} | ${e.verdict === 'skip' ? '⏭️ skip' : e.verdict} | ${e.run.startedAt.slice(0, 16).replace('T', ' ')} | ${policy.failOnSeverity} | ${mdCell(e.summary)} |`,
      );
      const open = e.findings.filter((f) => !f.suppressed);
      const failedThresholds = e.thresholds.filter((t) => !t.ok && !t.skipped);
      const rows: string[] = [];
      for (const f of sortBySeverity(open)) {
        const since = await failingSince(ctx.store, check, (h) =>
          h.findings.some((x) => x.fingerprint === f.fingerprint && !x.suppressed),
        );
        const gate = severityAtLeast(f.severity, policy.failOnSeverity) ? 'fails' : 'warns';
        rows.push(
          `| ${f.severity} (${gate}) | ${mdCell(f.title)} | ${mdCell(f.location)} | ${mdCell(f.solution ?? f.detail)} | ${describeSince(since, 'this run')} | \`${f.fingerprint}\` |`,
        );
      }
      const parts: string[] = [];
      if (rows.length)
        parts.push(
          '| Severity | Finding | Where | What to do | Open since | Fingerprint |',
          '|---|---|---|---|---|---|',
          ...rows,
        );
      for (const t of failedThresholds)
        parts.push(`- ❌ ${mdCell(t.name)}: expected ${mdCell(t.limit)}, got ${mdCell(t.actual)}`);
      const suppressed = e.findings.filter((f) => f.suppressed);
      if (suppressed.length)
        parts.push(
          '',
          `Accepted risks (${suppressed.length}): ${suppressed.map((f) => `${mdCell(f.title)} — ${mdCell(f.suppressed!.reason)}${f.suppressed!.expires ? ` (until ${f.suppressed!.expires})` : ''}`).join('; ')}`,
        );
      // A skipped scan looked for nothing: say so, never "no findings".
      if (skip !== undefined)
        parts.unshift(
          `⏭️ **The latest ${check} run was skipped** — ${mdCell(skip)}. Nothing was scanned, so the absence of findings says nothing; make the scan run, then regenerate this runbook.`,
        );
      sections[check] = parts.length ? parts.join('\n') : `_No open ${check} findings in the latest run._`;
    }
    return {
      summary: summary.length
        ? ['| Check | Verdict | Run | Fails at | Summary |', '|---|---|---|---|---|', ...summary].join('\n')
        : '_No security evidence yet._',
      headerFindings: sections.headers!,
      dastFindings: sections.dast!,
      target: ctx.config.target['base-url'],
    } satisfies TemplateData;
  },
};

const order = ['critical', 'high', 'medium', 'low', 'info'];

function sortBySeverity(f: Finding[]): Finding[] {
  return [...f].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
}
