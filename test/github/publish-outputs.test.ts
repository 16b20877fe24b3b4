import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotationLines } from '../../src/github/annotations.js';
import { collectOutFiles } from '../../src/github/artifacts.js';
import { publish } from '../../src/github/publish.js';
import { runGate } from '../../src/core/gate/gate.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { fakeClient, prContext, runEvidence, tempDir, writeRun } from '../support/github-evidence.js';

/** A minimal SARIF 2.1.0 log as a DAST/headers check writes it. */
const sarif = {
  version: '2.1.0',
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
  runs: [
    {
      tool: {
        driver: {
          name: 'opsgate-headers',
          rules: [{ id: 'missing-csp', shortDescription: { text: 'CSP missing' } }],
        },
      },
      results: [
        {
          ruleId: 'missing-csp',
          level: 'warning',
          message: { text: 'GET / without Content-Security-Policy' },
        },
      ],
    },
  ],
};

describe('job summary, annotations and SARIF', () => {
  let fake: FakeGitHub;
  beforeAll(async () => {
    fake = await startFakeGitHub();
  });
  afterAll(async () => fake.stop());

  it('writes the report to GITHUB_STEP_SUMMARY, annotates failures, uploads SARIF to code scanning', async () => {
    const repo = fake.repo('acme/shop');
    const pr = repo.openPullRequest();
    const dir = await tempDir();
    const out = await writeRun(path.join(dir, 'out'), { missingCsp: true, dashboardP95: 300 });
    await mkdir(path.join(out, 'sarif'), { recursive: true });
    await writeFile(path.join(out, 'sarif', 'headers.sarif'), JSON.stringify(sarif));
    const summaryFile = path.join(dir, 'step-summary.md');
    await writeFile(summaryFile, '# earlier step\n');
    const { context } = await prContext(fake, dir, { pr: pr.number });
    const lines: string[] = [];
    const res = await publish({
      outDir: out,
      octokit: fakeClient(fake),
      context,
      summaryFile,
      write: (l) => lines.push(l),
      log: () => {},
    });

    const summary = await readFile(summaryFile, 'utf8');
    expect(summary.startsWith('# earlier step\n## opsgate — ❌ gate failed')).toBe(true);
    expect(summary).toBe('# earlier step\n' + (await readFile(path.join(out, 'report.md'), 'utf8')));
    expect(lines).toEqual([
      '::error title=opsgate headers%3A Content-Security-Policy header missing::actual http://127.0.0.1:4010/; GET / answered without Content-Security-Policy',
      '::error title=opsgate load%3A p95 GET /api/dashboard::expected 200 ms; actual 300 ms',
    ]);
    expect(res.sarif).toMatchObject([{ uploaded: true }]);
    expect(repo.sarifs).toHaveLength(1);
    expect(repo.sarifs[0]).toMatchObject({
      commit_sha: 'd'.repeat(40),
      ref: `refs/pull/${pr.number}/merge`,
      sarif,
    });

    // Without code scanning (no Advanced Security): a notice, and the rest still publishes.
    repo.codeScanningEnabled = false;
    const log: string[] = [];
    const again = await publish({
      outDir: out,
      octokit: fakeClient(fake),
      context,
      write: () => {},
      log: (m) => log.push(m),
    });
    expect(again.sarif[0]).toMatchObject({ uploaded: false });
    expect(again.sarif[0]!.skipped).toContain('security-events: write');
    expect(log.join('\n')).toContain('headers.sarif: code scanning upload not allowed (403');
    expect(again.warnings).toEqual([]);
    expect(repo.sarifs).toHaveLength(1);

    expect((await collectOutFiles(out)).map((f) => path.relative(out, f))).toEqual([
      'evidence/headers.json',
      'evidence/load.json',
      'evidence/rbac.json',
      'junit.xml',
      'report.md',
      'sarif/headers.sarif',
    ]);
  });

  it('annotation text escapes workflow-command characters and is capped', () => {
    const [rbac] = runEvidence({ viewerCanDelete: true });
    rbac!.thresholds[0]!.detail = 'line one\nline two, 100% broken';
    const lines = annotationLines(runGate([rbac!]).checks);
    expect(lines).toEqual([
      '::error title=opsgate rbac%3A viewer DELETE /api/companies/{id}::expected 403; actual 204; line one%0Aline two, 100%25 broken',
    ]);
    const many = runEvidence({})[0]!;
    many.thresholds = Array.from({ length: 60 }, (_, i) => ({
      name: `cell ${i}`,
      limit: 403,
      actual: 200,
      ok: false,
    }));
    const capped = annotationLines(runGate([many]).checks);
    expect(capped).toHaveLength(51);
    expect(capped.at(-1)).toBe('::notice title=opsgate::10 more controls need attention; see report.md');
  });
});
