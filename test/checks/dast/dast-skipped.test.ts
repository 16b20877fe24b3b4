import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { Evidence } from '../../../src/core/evidence/model.js';
import { readAllEvidence } from '../../../src/core/evidence/store-files.js';
import { runGate } from '../../../src/core/gate/gate.js';
import { renderReport } from '../../../src/core/render/markdown.js';
import { publish } from '../../../src/github/publish.js';
import { startFakeGitHub, type FakeGitHub } from '../../support/fake-github/server.js';
import { fakeClient, prContext, writeRun } from '../../support/github-evidence.js';

/**
 * A scan with no engine at all (no docker, no zap.sh, no wapiti on PATH) and
 * `on-missing-engine: skip`: every place that shows the run must say skipped, with the reason,
 * and never "pass" or "no findings".
 */
const savedPath = process.env.PATH;
let fake: FakeGitHub;
let emptyBin: string;

beforeAll(async () => {
  fake = await startFakeGitHub();
  emptyBin = await mkdtemp(path.join(os.tmpdir(), 'opsgate-nobin-'));
});
afterAll(async () => {
  await fake.stop();
});
afterEach(() => {
  process.env.PATH = savedPath;
  vi.restoreAllMocks();
});

async function cli(args: string[]): Promise<number> {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return await main(args);
  } finally {
    vi.restoreAllMocks();
  }
}

async function skippedScan(extra = ''): Promise<{ dir: string; out: string; config: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-dast-skip-'));
  const config = path.join(dir, 'opsgate.yml');
  await writeFile(
    config,
    `version: 1\ntarget:\n  base-url: http://127.0.0.1:9\n${extra}dast:\n  engine: auto\n  on-missing-engine: skip\n`,
  );
  const out = path.join(dir, 'out');
  process.env.PATH = emptyBin;
  expect(await cli(['--config', config, '--out', out, 'dast'])).toBe(0);
  process.env.PATH = savedPath;
  return { dir, out, config };
}

describe('a DAST scan without any engine is skipped everywhere, with the reason', () => {
  it('evidence, report.md, JUnit and the gate say skipped, not pass', async () => {
    const { out, config } = await skippedScan();
    const e = JSON.parse(await readFile(path.join(out, 'evidence/dast.json'), 'utf8')) as Evidence;
    expect(e.verdict).toBe('skip');
    const reason = e.thresholds[0]!.skipped!;
    expect(reason).toMatch(/docker is not installed.*\(dast.on-missing-engine: skip\)/);

    const md = await readFile(path.join(out, 'report.md'), 'utf8');
    expect(md.split('\n')[0]).toBe('## opsgate — ⏭️ gate not failed: skipped (dast)');
    expect(md).toContain('| dast | ⏭️ skip | 1 skip |');
    expect(md).toContain('⏭️ **dast skipped** (not a pass): zap: docker is not installed');
    expect(md).not.toMatch(/✅|gate passed/);

    const junit = await readFile(path.join(out, 'junit.xml'), 'utf8');
    expect(junit).toContain('<property name="opsgate.verdict" value="skip"/>');
    expect(junit).toMatch(/<testsuite name="dast" tests="1" failures="0" errors="0" skipped="1"/);
    expect(junit).toMatch(/<skipped message="zap: docker is not installed[^"]*on-missing-engine: skip\)"\/>/);

    // Not failing: `opsgate gate` exits 0 on a skipped scan …
    expect(await cli(['--config', config, '--out', out, 'gate'])).toBe(0);
    const gate = runGate(await readAllEvidence(out));
    expect(gate).toMatchObject({ verdict: 'skip', passed: true });
    expect(gate.skipped).toEqual([{ check: 'dast', reason }]);
  });

  it('a check named in gate.required that skipped fails the gate: required means measured', async () => {
    const { out, config } = await skippedScan('gate:\n  required: [dast]\n');
    expect(await cli(['--config', config, '--out', out, 'gate'])).toBe(1);
    const md = await readFile(path.join(out, 'report.md'), 'utf8');
    expect(md.split('\n')[0]).toBe('## opsgate — ❌ gate failed');
    expect(md).toContain('dast ran (gate.required)');
  });

  it('a skip next to passing checks: the gate does not fail, but its verdict is skip, not pass', async () => {
    const { out } = await skippedScan();
    await writeRun(path.join(out, 'other'), {});
    for (const e of await readAllEvidence(path.join(out, 'other'))) {
      await mkdir(path.join(out, 'evidence'), { recursive: true });
      await writeFile(path.join(out, 'evidence', `${e.check}.json`), JSON.stringify(e));
    }
    const gate = runGate(await readAllEvidence(out));
    expect(gate).toMatchObject({ verdict: 'skip', passed: true });
    expect(renderReport(gate).split('\n')[0]).toBe('## opsgate — ⏭️ gate not failed: skipped (dast)');
    expect(gate.checks.filter((c) => c.verdict === 'pass').map((c) => c.check)).toEqual(
      expect.arrayContaining(['rbac', 'load', 'headers']),
    );
  });

  it('the security-triage runbook says the scan was skipped, not "no open findings"', async () => {
    const { out, config } = await skippedScan();
    expect(await cli(['--config', config, '--out', out, 'runbooks'])).toBe(0);
    const runbook = await readFile(path.join(out, 'runbooks/security-findings-triage.md'), 'utf8');
    expect(runbook).toMatch(/\| dast \| ⏭️ skip \|/);
    expect(runbook).toMatch(/⏭️ \*\*The latest dast run was skipped\*\* — zap: docker is not installed/);
    expect(runbook).not.toContain('No open dast findings');
  });

  it('the sticky PR comment says skipped with the reason', async () => {
    const { dir, out } = await skippedScan();
    const repo = fake.repo('acme/skip');
    const pr = repo.openPullRequest();
    const { context } = await prContext(fake, dir, { pr: pr.number, repo: 'acme/skip' });
    await publish({ outDir: out, octokit: fakeClient(fake), context, write: () => {}, log: () => {} });
    const body = repo.commentsOn(pr.number)[0]!.body;
    expect(body).toContain('⏭️ gate not failed: skipped (dast)');
    expect(body).toContain('⏭️ **dast skipped** (not a pass): zap: docker is not installed');
    expect(body).not.toContain('gate passed');
  });
});
