import type { Evidence } from '../../core/evidence/model.js';
import { fingerprintOf } from '../../core/gate/fingerprint.js';
import { formatBytes, type SweepResult } from '../../engines/postgres/scratch-sweep.js';

/**
 * What the drill swept before it started: a low finding (a previous drill died, its disk is
 * back), a medium one when a dead drill's database could not be dropped. Nothing when clean.
 */
export function addSweepToEvidence(e: Evidence, sweep: SweepResult): void {
  e.metrics.sweptScratchDatabases = sweep.swept.length;
  e.metrics.sweptScratchBytes = sweep.swept.reduce((a, s) => a + s.sizeBytes, 0);
  e.data = { ...e.data, sweep };
  const n = sweep.swept.length;
  if (n)
    e.findings.push({
      fingerprint: fingerprintOf('restore', 'swept-scratch'),
      severity: 'low',
      title:
        `swept ${n} scratch database${n === 1 ? '' : 's'} left by a dead run: ` +
        sweep.swept.map((s) => `${s.name}, ${formatBytes(s.sizeBytes)}`).join('; '),
      detail: sweep.swept
        .map(
          (s) =>
            `${s.name}: ${s.reason}; ${s.stoppedProcesses} restore process(es) stopped, ` +
            `${s.terminatedBackends} backend(s) terminated, dropped.`,
        )
        .join(' '),
      location: sweep.swept.map((s) => s.name).join(', '),
      ruleId: 'restore-swept-scratch',
      solution: 'A drill was killed before its cleanup ran; find out why (OOM, runner timeout).',
    });
  if (sweep.failed.length)
    e.findings.push({
      fingerprint: fingerprintOf('restore', 'sweep-failed'),
      severity: 'medium',
      title: `could not drop ${sweep.failed.length} scratch database(s) of dead runs: ${sweep.failed.map((f) => f.name).join(', ')}`,
      detail: sweep.failed.map((f) => `${f.name} (${f.reason}): ${f.error}`).join(' '),
      ruleId: 'restore-sweep-failed',
      solution: 'Drop them by hand with a role that owns them: DROP DATABASE … WITH (FORCE).',
    });
}
