import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const BASE = [
  'target:',
  '  base-url: http://127.0.0.1:8080',
  'identities:',
  '  admin:',
  '    kind: json-login',
  '    login: { path: /login, body: { email: a, password: p } }',
  '    capture: { id: $.user.id }',
  '  lockout:',
  '    kind: json-login',
  '    login: { path: /login, body: { email: l, password: p } }',
  '  viewer:',
  '    kind: bearer',
  '    token: t',
];

async function validate(lines: string[]) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-xref-'));
  const file = path.join(dir, 'opsgate.yml');
  await writeFile(file, [...BASE, ...lines].join('\n') + '\n');
  const r = await runCli(['validate', '--config', file]);
  return {
    ...r,
    problems: r.stderr
      .split('\n')
      .filter((l) => /opsgate\.yml:\d+ /.test(l))
      .map((l) => l.trim()),
  };
}

describe('opsgate validate: cross-references, each with file:line', () => {
  it('an identity named but not defined', async () => {
    const r = await validate(['rbac:', '  matrix:', '    - { path: /a, expect: { ghost: 200 } }']);
    expect(r.code).toBe(2);
    expect(r.problems).toEqual([
      'opsgate.yml:16 rbac.matrix[0].expect.ghost: identity "ghost" is not defined under identities',
    ]);
  });

  it('a matrix placeholder with no fixture, and an ownership placeholder nothing fills', async () => {
    const r = await validate([
      'rbac:',
      '  matrix:',
      "    - { path: '/a/{company}', expect: { admin: 200 } }",
      '  ownership:',
      '    - name: lease',
      '      owner: admin',
      "      create: { path: /l, body: { owner: '{admin.id}', unit: '{unit}', other: '{lockout.id}' } }",
      "      resource: '/l/{id}'",
      '      others: [viewer]',
    ]);
    expect(r.code).toBe(2);
    expect(r.problems).toEqual([
      'opsgate.yml:16 rbac.matrix[0].path: placeholder {company} has no entry under rbac.fixtures',
      'opsgate.yml:20 rbac.ownership[0].create: placeholder {unit} is filled by nothing: use a static rbac.fixtures value, {run}, or an identity capture {identity.name}',
      'opsgate.yml:20 rbac.ownership[0].create: placeholder {lockout.id} is filled by nothing: use a static rbac.fixtures value, {run}, or an identity capture {identity.name}',
    ]);
  });

  it('an identity kind that cannot serve its use, and an unlock sent by the locked account', async () => {
    const r = await validate([
      'abuse:',
      '  login-limiter: { identity: viewer }',
      '  global-limit: { identity: anonymous, request: { path: /me }, limit: 5 }',
    ]);
    expect(r.problems).toEqual([
      'opsgate.yml:15 abuse.login-limiter.identity: identity "viewer" is bearer: the login limiter needs a json-login or cookie-session identity (it sends its login request)',
    ]);
    const anon = await validate([
      'abuse:',
      '  login-limiter: { identity: anonymous, unlock: { identity: anonymous, path: /u } }',
    ]);
    expect(anon.code).toBe(2);
    expect(anon.problems).toEqual([
      'opsgate.yml:15 abuse.login-limiter.identity: identity "anonymous" is anonymous: the login limiter needs a json-login or cookie-session identity (it sends its login request)',
      'opsgate.yml:15 abuse.login-limiter.unlock.identity: the unlock must be sent by another identity (an admin), not the locked "anonymous"',
    ]);
  });

  it('an abuse identity another check uses', async () => {
    const r = await validate([
      'headers:',
      '  paths: [{ path: /, identity: lockout }]',
      'abuse:',
      '  login-limiter: { identity: lockout }',
    ]);
    expect(r.code).toBe(2);
    expect(r.problems).toEqual([
      'opsgate.yml:17 abuse.login-limiter.identity: identity "lockout" is also used by headers (headers.paths[0].identity); abuse locks out or throttles it, so give it a dedicated account',
    ]);
  });

  it('the shipped demo configs are valid', async () => {
    for (const f of ['opsgate.demo.yml', 'opsgate.strict.yml']) {
      const r = await runCli(['validate', '--config', `examples/demo-target/${f}`], {
        DEMO_URL: 'http://127.0.0.1:1',
        DEMO_USER_PASSWORD: 'x',
        DEMO_DATABASE_URL: 'postgres://x',
        DEMO_PG_URL: 'postgres://x',
        DEMO_RATE_LIMIT_BYPASS: 'b',
      });
      expect(r.stderr, f).toBe('');
      expect(r.code, f).toBe(0);
    }
  });
});
