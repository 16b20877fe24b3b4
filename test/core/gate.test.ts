import { describe, expect, it } from 'vitest';
import { startEvidence } from '../../src/core/evidence/new-evidence.js';
import type { Evidence } from '../../src/core/evidence/model.js';
import { runGate } from '../../src/core/gate/gate.js';
import { renderJunit } from '../../src/core/render/junit.js';
import { renderReport } from '../../src/core/render/markdown.js';
import { parseConfigText } from '../../src/core/config/load-config.js';

function evidence(check: string, patch: Partial<Evidence>): Evidence {
  return { ...startEvidence(check, 'http://127.0.0.1:1'), summary: `${check} ran`, ...patch };
}

const config = parseConfigText(
  'target:\n  base-url: http://127.0.0.1:1\ngate:\n  required: [restore]\n',
  'opsgate.yml',
);

describe('gate', () => {
  it('passes when every threshold holds and findings are below the fail severity', () => {
    const gate = runGate(
      [
        evidence('load', { thresholds: [{ name: 'p95', limit: 200, actual: 120, ok: true, unit: 'ms' }] }),
        evidence('restore', {
          findings: [{ fingerprint: 'r1', severity: 'low', title: 'slow vacuum', detail: '' }],
        }),
      ],
      config,
    );
    expect(gate.verdict).toBe('warn');
    expect(gate.passed).toBe(true);
  });

  it('fails on a crossed threshold, a severe finding or missing required evidence, and says which', () => {
    const gate = runGate(
      [
        evidence('load', {
          thresholds: [{ name: 'p95 GET /api/dashboard', limit: 200, actual: 640, ok: false, unit: 'ms' }],
        }),
        evidence('headers', {
          findings: [
            {
              fingerprint: 'h1',
              severity: 'medium',
              title: 'Content-Security-Policy missing',
              detail: 'on /',
            },
            {
              fingerprint: 'h2',
              severity: 'high',
              title: 'accepted risk',
              detail: '',
              suppressed: { reason: 'ticket 12' },
            },
          ],
        }),
      ],
      config,
    );
    expect(gate.passed).toBe(false);
    // In drill order, the missing required check last.
    expect(gate.checks.map((c) => [c.check, c.verdict])).toEqual([
      ['headers', 'fail'],
      ['load', 'fail'],
      ['restore', 'fail'],
    ]);
    const report = renderReport(gate);
    expect(report).toContain('p95 GET /api/dashboard');
    expect(report).toContain('640 ms');
    expect(report).toContain('Content-Security-Policy missing');
    expect(report).toContain('restore evidence present');
    const junit = renderJunit(gate);
    expect(junit.match(/<failure /g)).toHaveLength(3);
    expect(junit).toContain('<skipped message="suppressed: ticket 12"/>');
  });

  it('turns a crashed check into an error verdict', () => {
    const gate = runGate([
      evidence('rbac', {
        error: { kind: 'TargetUnreachableError', message: 'tried GET http://127.0.0.1:1/' },
      }),
    ]);
    expect(gate.verdict).toBe('error');
    expect(gate.passed).toBe(false);
  });
});
