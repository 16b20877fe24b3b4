import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { Evidence, Finding } from '../../../src/core/evidence/model.js';
import { runGate } from '../../../src/core/gate/gate.js';
import { renderJunit } from '../../../src/core/render/junit.js';
import { renderReport } from '../../../src/core/render/markdown.js';
import { startHeaderServer, tempDir, type LocalServer } from '../../checks/headers/helpers.js';
import { junitCases } from '../../support/junit-cases.js';
import { sarifSchemaErrors } from '../../support/sarif-checks.js';

/**
 * A target that answers with header values built to break the report: markup, comment markers,
 * mentions, links, fences and cell breakers, and values of several kilobytes. Whatever it sends,
 * report.md, junit.xml and the SARIF stay inert and bounded.
 */
const HOSTILE =
  '<img src=x onerror=alert(1)> | ``` @admin #12 GH-3 <!-- opsgate:issue:abc --> [approve](https://evil.example) </details>';
const HUGE = 'P'.repeat(6000);

/** Table cells are split on pipes not escaped by the neutraliser. */
function cellsOf(row: string): string[] {
  return row.split(/(?<!\\)\|/).slice(1, -1);
}

function tableRows(report: string): string[] {
  return report.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Header'));
}

function expectInert(text: string): void {
  expect(text).not.toMatch(/<img|<!--|-->|@admin|#12|GH-3|(?<!\\)\]\(/);
  expect(text).not.toContain('```');
  // Only our own collapsible sections: the target's </details> closed none of them.
  expect(text.split('</details>').length).toBe(text.split('<details>').length);
}

let tmp: Awaited<ReturnType<typeof tempDir>>;
let server: LocalServer;
beforeAll(async () => {
  tmp = await tempDir('hostile-report');
  // Each page gets its own hostile Server value, so the grouped row lists several observed values.
  server = await startHeaderServer((req) => ({
    server: `evil/1.${(req.url ?? '').length} ${HOSTILE}`,
    'x-powered-by': HUGE,
    'referrer-policy': `unsafe-url ${HOSTILE}`,
  }));
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  process.exitCode = undefined;
});
afterAll(async () => {
  vi.restoreAllMocks();
  await server.close();
  await tmp.remove();
});

describe('hostile header values over HTTP', () => {
  it('report.md, junit.xml and SARIF stay inert, bounded and well-formed', async () => {
    const file = path.join(tmp.dir, 'opsgate.yml');
    const pages = ['/', '/a', '/ab', '/abc'];
    await writeFile(
      file,
      `target:\n  base-url: ${server.url}\nheaders:\n  paths: [${pages.map((p) => `"${p}"`).join(', ')}]\n`,
    );
    const out = path.join(tmp.dir, 'out');
    expect(await main(['headers', '--config', file, '--out', out])).toBe(1);
    const report = await readFile(path.join(out, 'report.md'), 'utf8');
    expectInert(report);
    expect(report).toContain('@\u200dadmin');
    // Every row keeps its columns: nothing the target sent opened or closed a cell.
    const header = report.split('\n').find((l) => l.startsWith('| | Control |'))!;
    for (const row of tableRows(report).filter((r) => /^\| (❌|⚠️|ℹ️|✅|⏭️) \|/.test(r)))
      expect(cellsOf(row)).toHaveLength(cellsOf(header).length);
    // The 6000-byte banner is cut in its row, with its size; the whole report stays small.
    const powered = tableRows(report).find((r) => r.includes('X-Powered-By banner present'))!;
    expect(powered).toContain('(truncated, 6014 bytes)');
    expect(Buffer.byteLength(powered)).toBeLessThan(1200);
    expect(Buffer.byteLength(report)).toBeLessThan(20_000);
    // One Server row with each page's distinct value (every one neutralised).
    const serverRow = tableRows(report).filter((r) => r.includes('Server banner reveals a version'));
    expect(serverRow).toHaveLength(1);
    expect(serverRow[0]!.split('<br>')).toHaveLength(pages.length);

    const junit = await readFile(path.join(out, 'junit.xml'), 'utf8');
    expect(junit).not.toMatch(/<img|<!--/);
    const evidence = JSON.parse(
      await readFile(path.join(out, 'evidence', 'headers.json'), 'utf8'),
    ) as Evidence;
    expect(junitCases(junit).length).toBe(evidence.findings.length + evidence.thresholds.length);
    const sarif = JSON.parse(await readFile(path.join(out, 'sarif', 'headers.sarif'), 'utf8')) as unknown;
    expect(sarifSchemaErrors(sarif)).toEqual([]);
  });
});

/** A grouped finding as a forged artifact could carry it: values no HTTP header can hold. */
function forged(place: string, observed: string): Finding {
  return {
    fingerprint: `fp-${place}`,
    severity: 'medium',
    title: `Server banner on ${place}`,
    detail: 'x',
    problem: 'Server banner <b>reveals</b> | a version',
    place,
    expected: 'no version',
    observed,
    solution: `Remove it\n| injected | row |\n<!-- opsgate:comment:pr -->`,
    ruleId: 'headers.banner',
  };
}

function evidenceWith(findings: Finding[], provenance: Evidence['provenance'], commit?: string): Evidence {
  return {
    kind: 'opsgate.evidence',
    version: 1,
    check: 'headers',
    provenance,
    target: { url: 'http://t.example' },
    run: {
      id: 'r',
      startedAt: '2026-12-01T10:00:00.000Z',
      finishedAt: '2026-12-01T10:03:00.000Z',
      durationMs: 180_000,
      ...(commit ? { commit } : {}),
    },
    verdict: 'fail',
    summary: 's',
    metrics: {},
    thresholds: [],
    findings,
    artifacts: [],
  };
}

describe('evidence from an artifact with hostile fields', () => {
  it('newlines, markers and cell breakers in grouped rows stay inside their cells; lists are bounded', () => {
    const findings = Array.from({ length: 100 }, (_, i) =>
      forged(`/p${i}`, `v${i % 9}\n| x | y |\n<!-- opsgate:issue:z -->\r\n${HOSTILE}`),
    );
    const report = renderReport(runGate([evidenceWith(findings, {})]));
    expectInert(report);
    expect(report).not.toContain('<b>');
    const rows = tableRows(report).filter((r) => r.startsWith('| ❌'));
    expect(rows).toHaveLength(1);
    const cells = cellsOf(rows[0]!);
    expect(cells).toHaveLength(6);
    expect(cells[4]).toContain('… and 80 more (100)');
    expect(cells[3]).toContain('… and 4 more values');
    expect(Buffer.byteLength(rows[0]!)).toBeLessThan(6000);
    expect(report.split('\n').filter((l) => l.includes('injected'))).toHaveLength(1);
  });

  it('the run line builds links only from well-formed parts', () => {
    const evil = evidenceWith(
      [],
      {
        serverUrl: 'javascript:alert(1)//',
        repository: 'a/b)](https://evil.example',
        runId: '1) [x](https://e',
      },
      'not-a-sha <b>@admin</b>',
    );
    const line = renderReport(runGate([evil]))
      .split('\n')
      .find((l) => l.startsWith('Run: '))!;
    expect(line).not.toMatch(/(?<!\\)\]\(|javascript:|<b>|@admin/);
    expect(line).toContain('2026-12-01 10:00–10:03 UTC');
    const fine = evidenceWith([], { serverUrl: 'javascript:x', repository: 'acme/shop', runId: '7' });
    expect(renderReport(runGate([fine]))).not.toContain('javascript:');
  });

  it('JUnit escapes every hostile value and stays parseable', () => {
    const gate = runGate([evidenceWith([forged('/', `${HOSTILE}\u0000\u001b`)], {})], {
      gate: { 'fail-on-severity': 'critical', 'fail-on-warn': false, required: [], checks: {} },
    } as never);
    const junit = renderJunit(gate);
    // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these even escaped
    expect(junit).not.toMatch(/<img|<!--|[\u0000-\u0008\u001b]/);
    const [c] = junitCases(junit);
    expect(c!.skipped).toMatch(/^warning \(medium\): <img/);
    expect(c!.systemOut).toContain('fix: Remove it');
  });
});
