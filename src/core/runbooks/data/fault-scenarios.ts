import { durationMs } from '../../config/sections/common.js';
import { describeAction } from '../../config/sections/fault.js';
import { formatDuration } from '../../render/format-duration.js';
import { untrustedCell } from '../../render/untrusted-text.js';
import { latestEvidence } from '../latest-evidence.js';
import type { RunbookContext } from '../runbook.js';

/** The fields of fault evidence `data.scenarios[]` this section reads (written by the fault check). */
interface ScenarioData {
  name?: string;
  ttdMs?: number | null;
  ttrMs?: number | null;
  recover?: { ok?: boolean } | null;
}

/**
 * One runbook section per fault scenario: what breaks, the exact inject and recover actions,
 * and the time to detect / recover the last drill measured against the promise.
 */
export async function faultScenariosSection(ctx: RunbookContext): Promise<string> {
  const fault = ctx.config.fault;
  if (!fault?.scenarios.length)
    return '_No fault scenarios are configured: add a `fault:` section to opsgate.yml and run `opsgate fault`._';
  const e = await latestEvidence(ctx, 'fault');
  const measured = new Map(
    ((e?.data?.scenarios as ScenarioData[] | undefined) ?? []).map((s) => [s.name, s] as const),
  );
  const ms = (v: number | null | undefined): string =>
    v === null || v === undefined ? 'not measured' : formatDuration(v);
  const out: string[] = [];
  for (const s of fault.scenarios) {
    const m = measured.get(s.name);
    out.push(
      `### ${untrustedCell(s.name)}`,
      '',
      ...(s.description ? [untrustedCell(s.description, 1000), ''] : []),
      '| | Promise | Last drill |',
      '|---|---|---|',
      `| Time to detect | ${formatDuration(durationMs(s['detect-within']))} | ${m ? ms(m.ttdMs) : 'never drilled'} |`,
      `| Time to recover | ${formatDuration(durationMs(s['recover-within']))} | ${m ? ms(m.ttrMs) : 'never drilled'} |`,
      '',
      `Last drill: ${e && m ? `${e.run.startedAt} — **${e.verdict}**` : '_none yet: run `opsgate fault`_'}`,
      '',
      'How the drill breaks it (inject):',
      '```sh',
      describeAction(s.inject),
      '```',
      'How it is repaired (recover — run this by hand if the service does not come back):',
      '```sh',
      describeAction(s.recover),
      '```',
      `Recovered means ${s.probe['healthy-after']} consecutive probe rounds in which ${s.probe.endpoints.map((p) => `\`${p.method} ${p.path}\``).join(', ')} meet their after-recovery expectations.`,
      '',
    );
  }
  return out.join('\n').trimEnd();
}
