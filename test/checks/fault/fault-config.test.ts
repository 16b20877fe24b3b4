import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseConfigText } from '../../../src/core/config/load-config.js';
import { ConfigError } from '../../../src/core/errors.js';
import { runCli } from '../../support/run-cli.js';
import { faultConfig } from './fault-helpers.js';

const target = 'target:\n  base-url: http://127.0.0.1:9\n';

function problems(text: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseConfigText(text, 'opsgate.yml', env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => `${p.line} ${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

describe('fault configuration', () => {
  it('applies the documented defaults; fault.enabled is off unless written', () => {
    const c = parseConfigText(
      `${target}fault:
  scenarios:
    - name: db
      inject: { command: [pg_ctl, stop] }
      recover: { http: { url: 'http://127.0.0.1:8474/reset' } }
      probe: { endpoints: [{ name: health, path: /health }] }
`,
      'opsgate.yml',
      {},
    ).fault!;
    expect(c.enabled).toBe(false);
    const s = c.scenarios[0]!;
    expect(s.inject).toMatchObject({ timeout: '60s', 'expect-exit': [0], env: {} });
    expect(s.recover).toMatchObject({ http: { method: 'POST', 'expect-status': ['2xx'] }, timeout: '10s' });
    expect(s.probe).toMatchObject({ rate: 5, timeout: '2s', 'healthy-after': 3 });
    expect(s.probe.endpoints[0]!.expect.during).toEqual({ status: ['2xx'], 'retry-after': false });
    expect(s['error-budget']).toEqual({ before: 0, during: 0, after: 0 });
  });

  it('names every problem with its YAML path and line at once', () => {
    expect(
      problems(`${target}fault:
  enabled: yes-please
  scenarios:
    - name: db
      inject: { command: 'pg_ctl stop -D /data' }
      recover: { http: { url: 'ftp://127.0.0.1/x' } }
      probe:
        rate: 500
        endpoints:
          - { name: health, path: health, expect: { during: { status: [200, 999, 6xx] } } }
          - { name: health, path: /h, method: DELETE }
      detect-within: soon
      error-budget: { during: 2 }
`),
    ).toEqual([
      '4 fault.enabled: expected boolean, got "yes-please"',
      '7 fault.scenarios[0].inject: expected either `command: [program, args…]` or `http: {url, …}`, got a mapping',
      '8 fault.scenarios[0].recover.http.url: expected an absolute http(s) URL, got "ftp://127.0.0.1/x"',
      '10 fault.scenarios[0].probe.rate: at most 50 probe rounds per second',
      '12 fault.scenarios[0].probe.endpoints[0].path: expected a path starting with "/", got "health"',
      '12 fault.scenarios[0].probe.endpoints[0].expect.during.status[1]: expected an HTTP status (100-599), got 999',
      '12 fault.scenarios[0].probe.endpoints[0].expect.during.status[2]: expected an HTTP status (100-599) or a class such as 2xx, got "6xx"',
      '13 fault.scenarios[0].probe.endpoints[1].method: expected one of "GET"|"HEAD", got "DELETE"',
      '14 fault.scenarios[0].detect-within: expected a duration like 500ms, 30s, 5m, 1h, got "soon"',
      '15 fault.scenarios[0].error-budget.during: expected a share between 0 and 1 (0.05 = 5 %), got 2',
    ]);
  });

  it('bounds every probe loop: rate × phases × endpoints beyond 20,000 probes is refused', () => {
    const out = problems(`${target}fault:
  scenarios:
    - name: db
      inject: { command: [x] }
      recover: { command: [y] }
      probe:
        rate: 50
        endpoints: [{ name: a, path: /a }, { name: b, path: /b }]
        phases: { recovery-timeout: 4h }
`);
    expect(out).toEqual([
      expect.stringMatching(/^9 fault\.scenarios\[0\]\.probe\.rate: up to \d+ probes; at most 20000/),
    ]);
  });
});

describe('fault safety: nothing is injected unless everything allows it', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-fault-safety-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A config whose inject would leave a marker file: the proof that nothing ran is its absence. */
  async function attempt(
    name: string,
    edit: (raw: ReturnType<typeof faultConfig>) => void,
    env: NodeJS.ProcessEnv = {},
  ) {
    const marker = path.join(dir, `${name}.injected`);
    const raw = faultConfig('http://127.0.0.1:9', [
      {
        name: 'marker',
        inject: { command: ['touch', marker] },
        recover: { command: ['true'] },
        probe: { endpoints: [{ name: health, path: '/health' }] },
      },
    ]);
    edit(raw);
    const file = path.join(dir, `${name}.yml`);
    await writeFile(file, stringify(raw));
    const r = await runCli(['fault', '--config', file, '--out', path.join(dir, `${name}-out`)], env, 60_000);
    return { ...r, injected: existsSync(marker) };
  }
  const health = 'health';

  it('without target.allow-destructive: exit 2', async () => {
    const r = await attempt('no-destructive', (raw) => void (raw.target['allow-destructive'] = false));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('target.allow-destructive: fault drills are destructive');
    expect(r.injected).toBe(false);
  });

  it('with the host missing from target.allow-hosts: exit 2', async () => {
    const r = await attempt('no-host', (raw) => void (raw.target['allow-hosts'] = ['10.9.9.9']));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('target.allow-hosts: fault drills are destructive');
    expect(r.injected).toBe(false);
  });

  it('without fault.enabled: exit 2', async () => {
    const r = await attempt('not-enabled', (raw) => delete (raw.fault as { enabled?: boolean }).enabled);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fault.enabled: fault drills break things on purpose');
    expect(r.injected).toBe(false);
  });

  it('a secret from ${ENV} in argv, or a fault proxy off the allow-list: exit 2, both named', async () => {
    const r = await attempt(
      'secret-argv',
      (raw) => {
        const s = (raw.fault as { scenarios: Record<string, unknown>[] }).scenarios[0]!;
        (s.inject as { command: string[] }).command.push('--password=${FAULT_PG_PASSWORD}');
        s.recover = { http: { url: 'http://localhost:8474/proxies/pg' } };
      },
      { FAULT_PG_PASSWORD: 'hunter2-very-secret' },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'fault.scenarios[0].inject.command[2]: carries a secret (a ${ENV} value or a password); pass it through inject.env',
    );
    expect(r.stderr).toContain('fault.scenarios[0].recover.http.url: localhost is not in target.allow-hosts');
    expect(r.stderr).not.toContain('hunter2-very-secret');
    expect(r.injected).toBe(false);
  });
});
