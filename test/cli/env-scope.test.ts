import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/core/config/load-config.js';
import { DEMO_PASSWORD, startTestDemo, type TestDemo } from '../support/demo.js';
import { runCli } from '../support/run-cli.js';

/** headers, restore and abuse as the docs configure them, each with its own secrets. */
const config = `
target:
  base-url: \${OPSGATE_TARGET_URL}
  allow-hosts: [127.0.0.1]
identities:
  viewer:
    kind: json-login
    login: { path: /api/auth/login, body: { email: viewer@demo.test, password: '\${VIEWER_PASSWORD}' } }
  lockout:
    kind: json-login
    target-headers: false
    login: { path: /api/auth/login, body: { email: lockout@demo.test, password: '\${LOCKOUT_PASSWORD}' } }
headers:
  paths: [/, { path: /api/companies, identity: viewer }]
abuse:
  login-limiter: { identity: lockout, attempts: 5, expect-status: 429 }
restore:
  backup: { kind: pg-dump, url: '\${SOURCE_DATABASE_URL}' }
  scratch: { url: '\${SCRATCH_DATABASE_URL}' }
  rto: 15m
`;
const headersEnv = { OPSGATE_TARGET_URL: 'http://127.0.0.1:9', VIEWER_PASSWORD: 'pw' };

describe('each command resolves only the environment of what it runs', () => {
  it('headers needs the target and the identities it names, not restore or abuse', () => {
    const c = parseConfigText(config, 'opsgate.yml', headersEnv, ['headers']);
    expect(c.headers?.paths).toHaveLength(2);
    // Unresolved parts it does not use are left out: restore, and the abuse account.
    expect(c.restore).toBeUndefined();
    expect(Object.keys(c.identities)).toEqual(['viewer']);

    // The identity headers names is needed: its unset password is reported, with its line.
    expect(() =>
      parseConfigText(config, 'opsgate.yml', { OPSGATE_TARGET_URL: 'http://x' }, ['headers']),
    ).toThrow(
      /opsgate\.yml:8 identities\.viewer\.login\.body\.password: environment variable VIEWER_PASSWORD is not set/,
    );
  });

  it('restore and abuse still report their own unset variables, and every command reports typos anywhere', () => {
    expect(() => parseConfigText(config, 'opsgate.yml', headersEnv, ['restore'])).toThrow(
      /restore\.backup\.url: environment variable SOURCE_DATABASE_URL is not set[\s\S]*SCRATCH_DATABASE_URL/,
    );
    expect(() => parseConfigText(config, 'opsgate.yml', headersEnv, ['abuse'])).toThrow(/LOCKOUT_PASSWORD/);
    expect(() => parseConfigText(config, 'opsgate.yml', headersEnv)).toThrow(/SOURCE_DATABASE_URL/);
    const typo = config.replace('  rto: 15m', '  rtoo: 15m');
    expect(() => parseConfigText(typo, 'opsgate.yml', headersEnv, ['headers'])).toThrow(
      /opsgate\.yml:\d+ restore\.rtoo: unknown key "rtoo"/,
    );
  });

  it('the gate (no check) needs neither the target nor any secret, but still reports typos', () => {
    const c = parseConfigText(config, 'opsgate.yml', {}, []);
    expect(c.gate['fail-on-severity']).toBe('medium');
    expect(c.headers?.paths).toHaveLength(2);
    expect(() => parseConfigText(`${config}gate: { fail-on-severty: low }\n`, 'opsgate.yml', {}, [])).toThrow(
      /gate\.fail-on-severty: unknown key/,
    );
  });

  it('a section whose variables are all set is kept whole', () => {
    const env = { ...headersEnv, LOCKOUT_PASSWORD: 'x' };
    const c = parseConfigText(config, 'opsgate.yml', env, ['headers']);
    expect(c.abuse?.['login-limiter']?.identity).toBe('lockout');
    expect(Object.keys(c.identities).sort()).toEqual(['lockout', 'viewer']);
  });

  describe('against the demo target', () => {
    let demo: TestDemo;
    let dir: string;
    let file: string;
    beforeAll(async () => {
      demo = await startTestDemo();
      dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-env-scope-'));
      file = path.join(dir, 'opsgate.yml');
      await writeFile(file, config);
    });
    afterAll(async () => {
      await demo?.stopAll();
      await rm(dir, { recursive: true, force: true });
    });

    it('`opsgate headers` runs with only the headers variables set', async () => {
      const out = path.join(dir, 'out');
      const r = await runCli(['headers', '--config', file, '--out', out], {
        OPSGATE_TARGET_URL: demo.url,
        VIEWER_PASSWORD: DEMO_PASSWORD,
      });
      expect(r.stderr).not.toContain('is not set');
      expect([0, 1], r.stderr).toContain(r.code);
      const evidence = JSON.parse(await readFile(path.join(out, 'evidence/headers.json'), 'utf8'));
      expect(evidence.check).toBe('headers');
      expect(evidence.verdict).toMatch(/^(pass|warn|fail)$/);
      expect(existsSync(path.join(out, 'evidence/restore.json'))).toBe(false);
    });

    it('`opsgate validate` lists the variables each check needs and which are unset', async () => {
      const r = await runCli(['validate', '--config', file], {
        OPSGATE_TARGET_URL: demo.url,
        VIEWER_PASSWORD: 'x',
      });
      expect(r.code).toBe(2);
      expect(r.stdout).toMatch(/^ {2}headers +OPSGATE_TARGET_URL \(set\), VIEWER_PASSWORD \(set\)$/m);
      expect(r.stdout).toMatch(/^ {2}abuse +OPSGATE_TARGET_URL \(set\), LOCKOUT_PASSWORD \(UNSET\)$/m);
      expect(r.stdout).toMatch(
        /^ {2}restore +OPSGATE_TARGET_URL \(set\), SOURCE_DATABASE_URL \(UNSET\), SCRATCH_DATABASE_URL \(UNSET\)$/m,
      );
      expect(r.stderr).toContain('environment variable SOURCE_DATABASE_URL is not set (needed by restore)');
      expect(r.stderr).not.toContain('VIEWER_PASSWORD');
    });
  });
});
