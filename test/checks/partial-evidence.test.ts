/**
 * Partial evidence, never lost evidence: a raw-HTTP target that resets one connection, sends a
 * 1 MB header or a NUL byte on one page, or dies mid-matrix. Each failure is recorded on its cell
 * or page; everything else the run measured stays in the evidence.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { CellResult } from '../../src/checks/rbac/probe-cells.js';
import type { PageRecord } from '../../src/checks/headers/page-record.js';
import { startRawTarget, type RawServer } from '../support/hostile-servers.js';
import { removeCheckRuns, runCheck } from '../support/run-check.js';

const servers: RawServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
  await removeCheckRuns();
});

async function target(opts: { killAfter?: number } = {}): Promise<RawServer> {
  const s = await startRawTarget(opts);
  servers.push(s);
  return s;
}

const head = (url: string): string => `version: 1
target:
  base-url: ${url}
  allow-hosts: [127.0.0.1]
  allow-destructive: true
identities:
  anonymous: { kind: anonymous }
`;

describe('partial evidence', () => {
  it('headers: a 1 MB header, a NUL byte and a reset each cost only their page', async () => {
    const t = await target();
    const r = await runCheck(
      'headers',
      `${head(t.url)}headers:
  paths: [/ok, /big, /ctl, /reset, /ok-too]
  cors: { enabled: false }
`,
    );
    expect(r.code, r.stderr).toBe(1);
    const pages = (r.evidence.data as { pages: PageRecord[] }).pages;
    expect(pages.map((p) => [p.path, p.status, p.error])).toEqual([
      ['/ok', 200, undefined],
      ['/big', 0, 'response headers too large (HPE_HEADER_OVERFLOW)'],
      ['/ctl', 0, expect.stringMatching(/^invalid bytes in the response \(HPE_/)],
      ['/reset', 0, 'connection reset (ECONNRESET)'],
      ['/ok-too', 200, undefined],
    ]);
    const noAnswer = r.evidence.findings.filter((f) => f.ruleId === 'headers.no-answer');
    expect(noAnswer.map((f) => f.location)).toEqual([
      `GET ${t.url}/big`,
      `GET ${t.url}/ctl`,
      `GET ${t.url}/reset`,
    ]);
    // The answered pages were judged: a missing HSTS on http is only noted, the rest present.
    expect(r.evidence.error).toBeUndefined();
    expect(r.evidence.metrics.pages_checked).toBe(5);
  });

  it('rbac: a reset cell keeps the other cells and the "record #77 was not deleted" finding', async () => {
    const t = await target();
    const r = await runCheck(
      'rbac',
      `${head(t.url)}rbac:
  fixtures:
    record:
      create: { identity: anonymous, path: /records, body: { name: probe } }
      cleanup: { identity: anonymous, path: '/records/{id}' }
  matrix:
    - { path: '/ok/{record}', expect: { anonymous: 200 } }
    - { path: /reset/x, expect: { anonymous: 200 } }
    - { path: /big/x, expect: { anonymous: 200 } }
    - { path: /ok/y, expect: { anonymous: 200 } }
  concurrency: 1
`,
    );
    const cells = (r.evidence.data as { cells: CellResult[] }).cells;
    expect(cells.map((c) => [c.path, c.status, c.verdict, c.reason])).toEqual([
      ['/ok/{record}', 200, 'enforced', undefined],
      ['/reset/x', null, 'error', 'connection reset (ECONNRESET)'],
      ['/big/x', null, 'error', 'response headers too large (HPE_HEADER_OVERFLOW)'],
      ['/ok/y', 200, 'enforced', undefined],
    ]);
    expect(r.evidence.findings.map((f) => f.title)).toContain('probe record record #77 was not deleted');
    expect(r.evidence.error).toBeUndefined();
    expect(r.code).toBe(1);
  });

  it('rbac: the target killed mid-matrix keeps every answered cell; the run is a runtime error', async () => {
    const t = await target({ killAfter: 12 });
    const rows = Array.from({ length: 30 }, (_, i) => `    - { path: /ok/${i}, expect: { anonymous: 200 } }`);
    const r = await runCheck(
      'rbac',
      `${head(t.url)}rbac:\n  concurrency: 1\n  matrix:\n${rows.join('\n')}\n`,
    );
    expect(r.code).toBe(3);
    const cells = (r.evidence.data as { cells: CellResult[] }).cells;
    const answered = cells.filter((c) => c.status === 200);
    expect(answered.map((c) => c.path)).toEqual(Array.from({ length: 12 }, (_, i) => `/ok/${i}`));
    expect(cells.filter((c) => c.verdict === 'error')).toHaveLength(18);
    expect(cells.at(-1)!.reason).toMatch(/^target unreachable: tried GET .*\/ok\/29 \(ECONNREFUSED/);
    expect(r.evidence.verdict).toBe('error');
    expect(r.evidence.error?.message).toMatch(
      /target stopped answering: \d+ of 30 cells .* the 12 answered cells are kept/,
    );
  });
});
