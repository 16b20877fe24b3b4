import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/core/config/load-config.js';
import { ConfigError } from '../../../src/core/errors.js';

const target = 'target:\n  base-url: https://staging.example.com\n';

describe('headers config section', () => {
  it('headers: {} yields the documented defaults', () => {
    const h = parseConfigText(`${target}headers: {}\n`, 'opsgate.yml', {}).headers!;
    expect(h.paths).toEqual(['/']);
    expect(h.identity).toBe('anonymous');
    expect(h.tls).toMatchObject({ 'min-version': 'TLSv1.2', 'cert-min-days': 21 });
    expect(h.cors['probe-origin']).toBe('https://opsgate-probe.invalid');
    expect(h.csp).toEqual({ enabled: true, severity: 'medium', 'required-directives': [] });
    expect(h.cookies['same-site-allowed']).toEqual(['Strict', 'Lax']);
  });

  it('a config without the section stays valid', () => {
    expect(parseConfigText(target, 'opsgate.yml', {}).headers).toBeUndefined();
  });

  it('every mistake in the section is reported with its YAML path and line', () => {
    const text = [
      'target:', //                                     1
      '  base-url: https://staging.example.com', //     2
      'headers:', //                                    3
      '  paths: [api/me]', //                           4
      '  csp:', //                                      5
      '    severity: severe', //                        6
      '  tls:', //                                      7
      '    min-version: TLSv1', //                      8
      '    cert-min-dayz: 30', //                       9
      '  cookies:', //                                  10
      '    exceptions: [{ cookie: csrf }]', //          11
    ].join('\n');
    let lines: string[] = [];
    try {
      parseConfigText(text, 'opsgate.yml', {});
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      lines = (err as Error).message.split('\n');
    }
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('opsgate.yml:4 headers.paths[0]: expected a path starting with "/", got "api/me"');
    expect(lines[1]).toMatch(/^opsgate\.yml:6 headers\.csp\.severity: .*"severe"/);
    expect(lines[2]).toMatch(/^opsgate\.yml:8 headers\.tls\.min-version: .*TLSv1\.2/);
    expect(lines[3]).toBe('opsgate.yml:9 headers.tls.cert-min-dayz: unknown key "cert-min-dayz"');
    expect(lines[4]).toMatch(/^opsgate\.yml:11 headers\.cookies\.exceptions\[0\]\.reason: /);
  });
});
