import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const run = promisify(execFile);

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
