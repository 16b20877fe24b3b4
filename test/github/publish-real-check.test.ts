import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readAllEvidence } from '../../src/core/evidence/store-files.js';
import { runGate } from '../../src/core/gate/gate.js';
import { publish } from '../../src/github/publish.js';
import { DEMO_PASSWORD, startTestDemo, type TestDemo } from '../support/demo.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { fakeClient, mainContext, tempDir } from '../support/github-evidence.js';

async function headersRun(dir: string, name: string, demo: TestDemo): Promise<string> {
  const config = path.join(dir, `${name}.yml`);
  await writeFile(
    config,
    ['target:', `  base-url: ${demo.url}`, 'headers:', '  paths: [/, /health]', ''].join('\n'),
  );
  const out = path.join(dir, name);
  const saved = console.log;
  console.log = () => {};
  try {
    await main(['headers', '--config', config, '--out', out]);
  } finally {
    console.log = saved;
  }
  return out;
}

describe('publishing the evidence of a real check (headers against the demo target)', () => {
  let fake: FakeGitHub;
  const demos: TestDemo[] = [];
  beforeAll(async () => {
    fake = await startFakeGitHub();
    process.env.DEMO_USER_PASSWORD ??= DEMO_PASSWORD;
  });
  afterAll(async () => {
    await fake.stop();
    await Promise.all(demos.map((d) => d.stopAll()));
  });

  it('missing-headers opens one issue per failing control; the fixed target closes them', async () => {
    const dir = await tempDir();
    const flawed = await startTestDemo({ flaws: ['missing-headers'] });
    demos.push(flawed);
    const out = await headersRun(dir, 'flawed', flawed);
    const gate = runGate(await readAllEvidence(out));
    const failing = gate.checks[0]!.controls.filter((c) => c.status === 'fail');
    expect(failing.length).toBeGreaterThan(2);

    const repo = fake.repo('acme/shop');
    const pr = repo.openPullRequest();
    const gh = fakeClient(fake);
    const quiet = { write: () => {}, log: () => {} };
    for (const runId of ['1', '2', '3']) {
      const { context } = await mainContext(fake, dir, { pr: pr.number, runId });
      await publish({ outDir: out, octokit: gh, context, ...quiet });
    }
    expect(
      repo
        .issuesOnly()
        .map((i) => i.title)
        .sort(),
    ).toEqual(failing.map((c) => `opsgate: headers — ${c.name}`).sort());
    expect(repo.commentsOn(pr.number)).toHaveLength(1);
    expect(repo.issuesOnly()[0]!.body).toContain(
      'runbooks/security-findings-triage.md#missing-or-weak-security-headers',
    );

    const fixed = await startTestDemo({ flaws: [] });
    demos.push(fixed);
    const fixedOut = await headersRun(dir, 'fixed', fixed);
    expect(runGate(await readAllEvidence(fixedOut)).passed).toBe(true);
    const { context } = await mainContext(fake, dir, { pr: pr.number, runId: '4' });
    const res = await publish({ outDir: fixedOut, octokit: gh, context, ...quiet });
    // The fixed run observed every page again (its coverage) and found none of the problems.
    expect(res.issues?.closed).toBe(failing.length);
    expect(repo.issuesOnly().every((i) => i.state === 'closed')).toBe(true);
    expect(repo.commentsOn(pr.number)[0]!.body).toContain('gate passed');
  });
});
