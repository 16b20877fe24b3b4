import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

async function configFile(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-validate-'));
  const file = path.join(dir, 'opsgate.yml');
  await writeFile(file, text);
  return file;
}

describe('opsgate validate', () => {
  it('prints every mistake with its path and line, exits 2, and shows no stack trace', async () => {
    const file = await configFile(
      [
        'target:',
        '  base-url: http://127.0.0.1:8080',
        '  allow-destructive: sometimes',
        'identities:',
        '  viewer:',
        '    kind: json-login',
        '    login:',
        '      path: api/auth/login',
        'gate:',
        '  fail-on-severity: severe',
      ].join('\n'),
    );
    const r = await runCli(['validate', '--config', file]);
    expect(r.code).toBe(2);
    const problems = r.stderr.split('\n').filter((l) => /^\s+opsgate\.yml:\d+ /.test(l));
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain(
      'opsgate.yml:3 target.allow-destructive: expected boolean, got "sometimes"',
    );
    expect(problems[1]).toContain(
      'opsgate.yml:8 identities.viewer.login.path: expected a path starting with "/", got "api/auth/login"',
    );
    expect(problems[2]).toContain('opsgate.yml:10 gate.fail-on-severity:');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('accepts a valid config', async () => {
    const file = await configFile('target:\n  base-url: http://127.0.0.1:8080\n');
    const r = await runCli(['validate', '--config', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid');
  });

  it('accepts the minimal opsgate.yml shown in the README', async () => {
    const readme = await readFile(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const yaml = /```yaml\n(# yaml-language-server[\s\S]*?)```/.exec(readme)![1]!;
    const r = await runCli(['validate', '--config', await configFile(yaml)], {
      VIEWER_PASSWORD: 'not-a-real-one',
    });
    expect(r.code, r.stderr).toBe(0);
  });

  it('treats an unknown command as a usage error', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
  });
});
