import { ownershipLabel } from '../../config/sections/rbac.js';
import type { Evidence } from '../../evidence/model.js';
import { thresholdStatus } from '../../gate/controls.js';
import { statusIcon } from '../../render/control-table.js';
import { latestEvidence } from '../latest-evidence.js';
import type { RunbookDefinition } from '../runbook.js';
import type { TemplateData } from '../template.js';
import { describeSince, failingSince, mdCell, withUnit } from './control-history.js';
import { parseCell, reproBlock } from './rbac-repro.js';

/**
 * Access-control incident: which RBAC cell broke (identity × method × path), since when, and how
 * to reproduce it with curl. Credentials never appear: commands read them from environment
 * variables the responder fills from the secret store.
 */
export const accessControlIncidentRunbook: RunbookDefinition = {
  name: 'access-control-incident',
  title: 'Access-control incident',
  description:
    'Open this when the rbac or abuse gate fails: a role can do what it must not, another tenant’s record is readable, or a limiter stopped limiting.',
  async data(ctx) {
    const rbac = await latestEvidence(ctx, 'rbac');
    const abuse = await latestEvidence(ctx, 'abuse');
    const base = rbac?.target.url ?? ctx.config.target['base-url'];
    const broken = rbac ? rbac.thresholds.filter((t) => !t.ok && !t.skipped) : [];
    const rows: string[] = [];
    for (const t of broken) {
      const since = await failingSince(ctx.store, 'rbac', (h) => failingIn(h, t.name));
      const cell = parseCell(t.name);
      rows.push(
        `| ${mdCell(cell.identity)} | ${mdCell(cell.method)} | \`${mdCell(cell.path)}\` | ${mdCell(t.limit)} | ${mdCell(t.actual)} | ${mdCell(t.detail)} | ${describeSince(since, 'this run')} |`,
      );
    }
    const probes = (ctx.config.rbac?.ownership ?? []).map(ownershipLabel);
    const ownership = (rbac?.thresholds ?? []).filter((t) => probes.some((label) => t.name.endsWith(label)));
    const findings = rbac?.findings.filter((f) => !f.suppressed) ?? [];
    const otherFindings = findings.length
      ? findings
          .map((f) => `- **${f.severity}** ${mdCell(f.title)} (${mdCell(f.location)}): ${mdCell(f.detail)}`)
          .join('\n')
      : '_None in the latest run._';
    const limiterRows = (abuse?.thresholds ?? []).map(
      (t) =>
        `| ${statusIcon[thresholdStatus(t)]} | ${mdCell(t.name)} | ${mdCell(withUnit(t.limit, t.unit))} | ${mdCell(withUnit(t.actual, t.unit))} | ${mdCell(t.skipped ?? t.detail)} |`,
    );
    return {
      state: rbac
        ? `Latest rbac run: **${rbac.verdict}** at ${rbac.run.startedAt} against \`${rbac.target.url}\` — ${mdCell(rbac.summary)}`
        : '_No rbac evidence yet: run `opsgate rbac`, then regenerate this runbook._',
      brokenCells: rows.length
        ? [
            '| Identity | Method | Path | Expected | Actual | Detail | Broken since |',
            '|---|---|---|---|---|---|---|',
            ...rows,
          ].join('\n')
        : rbac
          ? '_Every probed cell answered as promised in the latest run._'
          : '_No rbac evidence yet._',
      ownershipProbes: ownership.length
        ? ownership
            .map(
              (t) =>
                `- ${statusIcon[thresholdStatus(t)]} ${mdCell(t.name)}: expected ${mdCell(t.limit)}, got ${mdCell(t.skipped ?? t.actual)}`,
            )
            .join('\n')
        : probes.length
          ? '_No ownership probe ran in the latest rbac run._'
          : '_No ownership (IDOR) probe is configured: add `rbac.ownership` to opsgate.yml._',
      otherFindings,
      // The name project templates adapted from an earlier version use for the same list.
      ownershipFindings: otherFindings,
      curl: broken.length
        ? reproBlock(broken.slice(0, 5), base, ctx.config.identities, ctx.config.rbac)
        : '_Nothing to reproduce: no broken cell in the latest run._',
      limiters: limiterRows.length
        ? ['| | Control | Expected | Actual | Detail |', '|---|---|---|---|---|', ...limiterRows].join('\n')
        : '_No abuse evidence yet: run `opsgate abuse` (it trips limiters, so not during an incident on production)._',
    } satisfies TemplateData;
  },
};

function failingIn(h: Evidence, name: string): boolean | undefined {
  const t = h.thresholds.find((x) => x.name === name);
  return t && !t.skipped ? !t.ok : undefined;
}
