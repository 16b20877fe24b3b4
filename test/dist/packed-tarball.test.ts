import { execFile } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/build.js';
import { startTestDemo, type TestDemo } from '../support/demo.js';

const run = promisify(execFile);

/** Exit code and output of a command; never throws on a non-zero exit. */
async function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(cmd, args, { cwd, env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: Number(e.code ?? -1), stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/**
 * What an adopting repository gets: `npm pack` of this checkout, installed offline into a scratch
 * repository with nothing else, then `opsgate init`, `validate` and `headers` against the demo target.
 */
describe('the packed tarball, installed outside the checkout', () => {
  let scratch: string;
  let repo: string;
  let tarball: string;
  let demo: TestDemo;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'opsgate-pack-'));
    const packed = await sh('npm', ['pack', '--silent', '--pack-destination', scratch], repoRoot);
    expect(packed.code, packed.stderr).toBe(0);
    tarball = path.join(scratch, packed.stdout.trim().split('\n').pop()!);
    repo = path.join(scratch, 'adopter');
    await sh('git', ['init', '-q', '-b', 'trunk', repo], scratch);
    await writeFile(path.join(repo, 'package.json'), '{ "name": "adopter", "private": true }\n');
    const installed = await sh('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], repo);
    expect(installed.code, installed.stderr).toBe(0);
    demo = await startTestDemo();
  }, 180_000);
  afterAll(async () => {
    await demo?.stopAll();
    await rm(scratch, { recursive: true, force: true });
  });

  const opsgate = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    sh(path.join(repo, 'node_modules/.bin/opsgate'), args, repo, env);

  it('is self-contained: the package and nothing else, copied out of the checkout', async () => {
    expect((await readdir(path.join(repo, 'node_modules'))).filter((f) => !f.startsWith('.'))).toEqual(['opsgate']);
    const installedAt = realpathSync(path.join(repo, 'node_modules/opsgate'));
    expect(installedAt.startsWith(realpathSync(repo))).toBe(true);
    for (const f of ['dist/opsgate.js', 'schema/opsgate.schema.json', 'runbooks/templates/disaster-recovery.md'])
      expect(existsSync(path.join(installedAt, f)), f).toBe(true);
    expect(existsSync(path.join(installedAt, 'src'))).toBe(false);
  });

  it('runs init, validate and headers against the demo target', async () => {
    const init = await opsgate(['init', '--action-repo', 'acme/opsgate', '--action-ref', 'v1.2.3']);
    expect(init.code, init.stderr).toBe(0);
    const pr = await readFile(path.join(repo, '.github/workflows/pr-checks.yml'), 'utf8');
    expect(pr).toContain('uses: acme/opsgate/actions/headers@v1.2.3');
    expect(pr).toContain('branches: [trunk]');

    const env = { OPSGATE_TARGET_URL: demo.url };
    const validate = await opsgate(['validate'], env);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toMatch(/opsgate\.yml: valid \(headers\)/);
    expect(validate.stdout).toMatch(/headers +OPSGATE_TARGET_URL \(set\)/);

    const headers = await opsgate(['headers'], env);
    expect([0, 1], headers.stderr).toContain(headers.code);
    const evidence = JSON.parse(await readFile(path.join(repo, 'opsgate-out/evidence/headers.json'), 'utf8'));
    expect(evidence.check).toBe('headers');
    expect(evidence.target.url).toBe(demo.url);
    expect(existsSync(path.join(repo, 'opsgate-out/report.md'))).toBe(true);
    // Its own output is ignored by the .gitignore init wrote.
    const status = await sh('git', ['status', '--porcelain', '--untracked-files=all'], repo);
    expect(status.stdout).not.toContain('opsgate-out');
  });
});
