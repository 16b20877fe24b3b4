/**
 * Baselines come only from trusted records: real load runs against the demo target, with forged
 * and tampered records placed where an attacker (a pull request) can put them.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runActionCheck } from '../../../src/actions/run-action.js';
import { runnerStore } from '../../../src/actions/runner-store.js';
import type { Evidence } from '../../../src/core/evidence/model.js';
import { storeKey } from '../../../src/core/store/evidence-store.js';
import { recordText, sealRecord } from '../../../src/core/store/stored-record.js';
import { startFakeGitHub, type FakeGitHub } from '../../support/fake-github/server.js';
import { mainContext, prContext } from '../../support/github-evidence.js';
import { healthyAndSlowTargets, loadYaml, runLoadCli, type LoadRun } from './load-test-kit.js';

const load = `  engine: k6
  vus: 3
  duration: 2s
  endpoints:
    - { name: health, path: /health }
    - { name: dashboard, path: /api/dashboard, identity: viewer, weight: 3 }
  thresholds: {}
  regression: { min-samples: 10, min-runs: 1 }`;

const BASE = 'b'.repeat(40);
const regressed = (e: Evidence): string[] =>
  (e.baseline?.comparisons ?? []).filter((c) => c.regressed).map((c) => c.metric);

/** The evidence with every latency at 10,000 ms: a baseline nothing could regress against. */
function slowedTo10s(e: Evidence, startedAt?: string): Evidence {
  const forged = structuredClone(e);
  const d = forged.data as {
    total: { latency: Record<string, number> };
    endpoints: { latency: Record<string, number> }[];
  };
  for (const s of [d.total, ...d.endpoints]) for (const k of Object.keys(s.latency)) s.latency[k] = 10_000;
  if (startedAt) forged.run = { ...forged.run, startedAt, finishedAt: startedAt };
  return forged;
}

/** Write a record into a store directory the way a committed file would sit there. */
async function plant(
  storeDir: string,
  e: Evidence,
  meta: { commit?: string; branch?: string },
  recordedAt: string,
  edit?: (t: string) => string,
): Promise<string> {
  const env = sealRecord(e, meta, recordedAt);
  const key = storeKey(env.evidence, env.sha256, meta.commit);
  await mkdir(path.dirname(path.join(storeDir, key)), { recursive: true });
  const text = recordText(env);
  await writeFile(path.join(storeDir, key), edit ? edit(text) : text);
  return key;
}

/** Capture stderr lines written while `fn` runs (the CLI's warnings go there). */
async function withStderr<T>(fn: () => Promise<T>): Promise<{ value: T; stderr: string }> {
  const lines: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    return { value: await fn(), stderr: lines.join('') };
  } finally {
    process.stderr.write = original;
  }
}

describe('load baselines come only from trusted records', () => {
  const targets = healthyAndSlowTargets();
  let fake: FakeGitHub;
  const saved = { ...process.env };
  beforeAll(async () => {
    fake = await startFakeGitHub({ readOnlyTokens: ['pr-token'] });
  });
  afterAll(async () => {
    process.env = saved;
    await fake.stop();
  });

  /** The load action on a simulated runner: process env as GitHub Actions sets it. */
  async function actionRun(
    work: string,
    env: NodeJS.ProcessEnv,
    token: string,
    url: string,
    options: Record<string, unknown> = {},
  ): Promise<{ evidence: Evidence; log: string[] }> {
    const configFile = path.join(work, 'opsgate.yml');
    await writeFile(configFile, loadYaml({ url, load, storeDir: 'store' }));
    const log: string[] = [];
    process.env = {
      ...saved,
      ...env,
      GITHUB_ACTIONS: 'true',
      OPSGATE_RETRY_BASE_MS: '5',
      OPSGATE_SPACE_WRITES: '0',
    };
    try {
      const outDir = await mkdtemp(path.join(work, 'out-'));
      await runActionCheck(
        {
          action: 'load',
          configFile,
          outDir,
          token,
          publish: false,
          commentKey: 'pr-checks',
          options,
          evidenceDirs: [],
        },
        {
          log: (m) => log.push(m),
          store: (local, t) => runnerStore(t, local, (m) => log.push(m), process.env),
        },
      );
      const evidence = JSON.parse(
        await readFile(path.join(outDir, 'evidence', 'load.json'), 'utf8'),
      ) as Evidence;
      return { evidence, log };
    } finally {
      process.env = { ...saved };
    }
  }

  it('a PR run on CI ignores a PR-committed future-dated 10 s baseline; the slowed target fails as a regression', async () => {
    fake.repo('acme/shop');
    // The trusted push of the base commit stores the genuine baseline on the evidence branch.
    const mainWork = await mkdtemp(path.join(os.tmpdir(), 'opsgate-trust-main-'));
    const main = await mainContext(fake, mainWork, { sha: BASE });
    const genuine = await actionRun(mainWork, main.env, 'write-token', targets.healthy.url);
    expect(genuine.log.join('\n')).toMatch(/stored as evidence\/load\/.* in branch opsgate-evidence/);
    expect(
      fake
        .repo('acme/shop')
        .filesOn('opsgate-evidence')
        .filter((f) => f.startsWith('evidence/load/')),
    ).toHaveLength(1);

    // The PR commits two records into its checkout's store.dir, hashes and all: one dated 2099,
    // one dated today and claiming to be the base commit's run.
    const prWork = await mkdtemp(path.join(os.tmpdir(), 'opsgate-trust-pr-'));
    const storeDir = path.join(prWork, 'store');
    await plant(
      storeDir,
      slowedTo10s(genuine.evidence, '2099-12-31T23:59:00.000Z'),
      { commit: BASE, branch: 'main' },
      '2099-12-31T23:59:00.000Z',
    );
    await plant(
      storeDir,
      slowedTo10s(genuine.evidence),
      { commit: BASE, branch: 'main' },
      new Date().toISOString(),
    );
    const pr = await prContext(fake, prWork, { pr: 7, baseSha: BASE });
    const run = await actionRun(prWork, pr.env, 'pr-token', targets.slow.url, { baselineCommit: BASE });

    expect(run.evidence.verdict, run.evidence.summary).toBe('fail');
    expect(regressed(run.evidence)).toEqual(expect.arrayContaining(['p95 dashboard', 'p95 total']));
    expect(run.evidence.baseline?.source).toMatch(
      /^commit bbbbbbb: median of 1 accepted run \(branch opsgate-evidence of acme\/shop/,
    );
    expect(run.evidence.baseline?.comparisons.every((c) => c.baseline < 10_000)).toBe(true);
    expect(run.log.join('\n')).toMatch(
      /baselines and history are not read from directory .*store: this pull_request run on GitHub Actions is pull-request; history comes only from the evidence store branch/,
    );
  });

  it('locally, a tampered record (hash mismatch), a future-dated one and broken JSON are ignored with a warning', async () => {
    const storeDir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-trust-local-'));
    const yaml = (url: string): string => loadYaml({ url, load, storeDir });
    const first: LoadRun = await runLoadCli(yaml(targets.healthy.url), ['--branch', 'main']);
    expect(first.code, first.evidence.summary).toBe(0);
    const genuineAt = new Date().toISOString();

    // Same record, body edited after hashing: every p95 raised to 10 s, the sha256 left as it was.
    const tampered = await plant(
      storeDir,
      first.evidence,
      { branch: 'main' },
      new Date(Date.now() + 1000).toISOString(),
      (t) => t.replace(/"p95": [\d.]+/g, '"p95": 10000'),
    );
    const future = await plant(
      storeDir,
      slowedTo10s(first.evidence, '2099-12-31T00:00:00.000Z'),
      { branch: 'main' },
      '2099-12-31T00:00:00.000Z',
    );
    await mkdir(path.join(storeDir, 'evidence', 'load', '2098-01-01'), { recursive: true });
    await writeFile(
      path.join(storeDir, 'evidence', 'load', '2098-01-01', 'broken.json'),
      '{"recordedAt": "2098-',
    );

    const { value: slow, stderr } = await withStderr(() =>
      runLoadCli(yaml(targets.slow.url), ['--branch', 'main']),
    );
    expect(slow.code, slow.evidence.summary).toBe(1);
    expect(regressed(slow.evidence)).toEqual(expect.arrayContaining(['p95 dashboard', 'p95 total']));
    expect(slow.evidence.baseline?.source).toMatch(/^latest on main: median of 1 accepted run/);
    expect(slow.evidence.baseline!.recordedAt! <= genuineAt).toBe(true);
    const warnings = stderr.split('\n').filter((l) => l.includes('ignored store record'));
    expect(warnings).toEqual([
      expect.stringContaining(
        `${future} in directory ${storeDir}: recordedAt 2099-12-31T00:00:00.000Z is in the future`,
      ),
      expect.stringContaining('2098-01-01/broken.json in directory'),
      expect.stringContaining(
        `${tampered} in directory ${storeDir}: does not match its content hash (sha256)`,
      ),
    ]);
    expect(warnings[1]).toContain('not valid JSON');
  });
});
