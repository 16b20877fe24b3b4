import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/core/config/load-config.js';
import { ConfigError } from '../../../src/core/errors.js';
import { main } from '../../../src/cli/main.js';
import { restoreProject } from './restore-helpers.js';

const target = 'target:\n  base-url: http://127.0.0.1:9\n';

describe('restore configuration', () => {
  it('applies the documented defaults', () => {
    const c = parseConfigText(
      `${target}restore:\n  backup: { kind: path, path: 'b/*.dump' }\n  scratch: { url: 'postgres://u@127.0.0.1:5432/postgres' }\n  retention: {}\n`,
      'opsgate.yml',
      {},
    ).restore!;
    expect(c.rto).toBe('15m');
    expect(c.rpo).toBe('24h');
    expect(c['drill-log']['max-age']).toBe('35d');
    expect(c.retention).toMatchObject({
      daily: 30,
      weekly: 12,
      monthly: 12,
      pattern: '*',
      'date-from': 'name',
    });
    expect(c.verify).toEqual({ assertions: [], 'smoke-queries': [] });
    expect(c.jobs).toBeUndefined();
  });

  it('names every problem with its line at once', () => {
    const text = `${target}restore:
  backup: { kind: s3 }
  scratch: { url: 'mysql://x' }
  rto: soon
  verify:
    assertions: [{ name: a, sql: 'SELECT 1', expect: { op: '~', value: 1 } }]
    row-counts: { compare-with: yesterday }
`;
    let err: ConfigError | undefined;
    try {
      parseConfigText(text, 'opsgate.yml', {});
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.problems.map((p) => `${p.line} ${p.path}`)).toEqual([
      '4 restore.backup.kind',
      '5 restore.scratch.url',
      '6 restore.rto',
      '8 restore.verify.assertions[0].expect.op',
      '9 restore.verify.row-counts.compare-with',
    ]);
    expect(err!.message).toContain('backup.kind must be one of pg-dump, path, command');
  });

  it('rejects compare-with: source for a backup that has no source database', () => {
    const text = `${target}restore:
  backup: { kind: path, path: 'b/*.dump' }
  scratch: { url: 'postgres://u@127.0.0.1:5432/postgres' }
  verify:
    row-counts: { compare-with: source }
`;
    expect(() => parseConfigText(text, 'opsgate.yml', {})).toThrow(
      'opsgate.yml:7 restore.verify.row-counts.compare-with: compare-with: source needs backup.kind: pg-dump',
    );
  });

  it('exits 2 for --apply without a retention policy, and never prints the scratch password', async () => {
    const project = await restoreProject(`
backup: { kind: path, path: 'none/*.dump' }
scratch: { url: 'postgres://drill:Sup3r-secret-pw@127.0.0.1:9/postgres' }`);
    const errors: string[] = [];
    const orig = console.error;
    console.error = (...a: unknown[]) => void errors.push(a.join(' '));
    try {
      expect(await main(['restore', '--config', project.config, '--out', project.out, '--apply'])).toBe(2);
      // No backup matches: a configuration problem too, not a crash.
      expect(await main(['restore', '--config', project.config, '--out', project.out])).toBe(2);
    } finally {
      console.error = orig;
    }
    expect(errors.join('\n')).toContain('--apply needs a restore.retention policy');
    expect(errors.join('\n')).toContain('no backup file matches');
    expect(errors.join('\n')).not.toContain('Sup3r-secret-pw');
  });
});
