import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText } from '../../src/core/config/load-config.js';
import { ConfigError } from '../../src/core/errors.js';
import { redact } from '../../src/core/secrets.js';

function problems(text: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseConfigText(text, 'opsgate.yml', env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message.split('\n');
    throw err;
  }
  return [];
}

describe('opsgate.yml loading', () => {
  it('reports every mistake at once with its YAML path and line', () => {
    const lines = problems(
      [
        'target:', //                                   1
        '  base-url: ftp://example.com', //              2
        'identities:', //                               3
        '  viewer:', //                                 4
        '    kind: json-login', //                       5
        '    login:', //                                6
        '      path: /api/auth/login', //               7
        '    token-pathh: $.token', //                  8
        'gate:', //                                     9
        '  fail-on-severity: severe', //                10
      ].join('\n'),
    );
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^opsgate\.yml:2 target\.base-url: expected an http\(s\) URL.*got "ftp:\/\/example\.com"/,
    );
    expect(lines[1]).toBe('opsgate.yml:8 identities.viewer.token-pathh: unknown key "token-pathh"');
    expect(lines[2]).toMatch(/^opsgate\.yml:10 gate\.fail-on-severity: .*"severe"/);
  });

  it('names a missing environment variable with the path that references it', () => {
    const lines = problems(
      'target:\n  base-url: http://127.0.0.1:8080\nidentities:\n  ci:\n    kind: bearer\n    token: ${CI_TOKEN}\n',
    );
    expect(lines).toEqual(['opsgate.yml:6 identities.ci.token: environment variable CI_TOKEN is not set']);
  });

  it('reports YAML syntax errors with their line', () => {
    const lines = problems('target:\n  base-url: http://x\n   bad: [\n');
    expect(lines[0]).toMatch(/^opsgate\.yml:\d+ /);
  });

  it('applies defaults and treats interpolated values as secrets', () => {
    const config = parseConfigText(
      'target:\n  base-url: ${URL}\nidentities:\n  ci:\n    kind: bearer\n    token: ${CI_TOKEN}\n',
      'opsgate.yml',
      { URL: 'http://127.0.0.1:8080', CI_TOKEN: 'tok-abcdef-123456' },
    );
    expect(config.target['allow-destructive']).toBe(false);
    expect(config.gate['fail-on-severity']).toBe('medium');
    expect(redact('sent tok-abcdef-123456 to the api')).toBe('sent [redacted] to the api');
    // The target URL came from the environment too, but it is what was tested: it stays readable.
    expect(redact('GET http://127.0.0.1:8080/health')).toContain('127.0.0.1:8080');
  });

  it('gives a clear error for a missing file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-'));
    await expect(loadConfig(path.join(dir, 'nope.yml'))).rejects.toThrow(/file not found/);
    await writeFile(path.join(dir, 'list.yml'), '- a\n- b\n');
    await expect(loadConfig(path.join(dir, 'list.yml'))).rejects.toThrow(/expected a mapping/);
  });
});
