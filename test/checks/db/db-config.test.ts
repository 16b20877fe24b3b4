import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/core/config/load-config.js';
import { ConfigError } from '../../../src/core/errors.js';

const yaml = (db: string) => `target: { base-url: http://127.0.0.1:9 }\ndb:\n${db}`;

describe('db config section', () => {
  it('applies the defaults: 5 s statement timeout, top 5, 10 runs per guard, empty plan rules', () => {
    const cfg = parseConfigText(
      yaml('  url: ${DB}\n  queries:\n    - { name: q, sql: SELECT 1 }\n'),
      'opsgate.yml',
      { DB: 'postgres://ro:pw-123456@127.0.0.1:5432/app' },
    ).db!;
    expect(cfg).toMatchObject({
      enabled: true,
      'statement-timeout': '5s',
      'top-n': 5,
      'reset-statistics': false,
      thresholds: { 'min-calls': 10 },
      health: { 'max-connections-ratio': 0.8, 'max-dead-tuple-ratio': 0.2 },
      regression: { limit: 0.5, 'noise-floor-ms': 2 },
    });
    expect(cfg.queries[0]).toEqual({
      name: 'q',
      sql: 'SELECT 1',
      params: [],
      runs: 10,
      plan: { forbid: [], 'require-index': [] },
    });
  });

  it('names every problem at once with its line: not a postgres URL, duplicate guard, bad runs, unknown plan rule', () => {
    const text = yaml(
      [
        '  url: mysql://x@h/db',
        '  queries:',
        '    - { name: a, sql: SELECT 1, runs: 0 }',
        '    - { name: a, sql: SELECT 2, plan: { forbid-all: true } }',
        '',
      ].join('\n'),
    );
    let err: unknown;
    try {
      parseConfigText(text, 'opsgate.yml', {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message).toContain('opsgate.yml:3 db.url: expected a postgres:// connection URL');
    expect(message).toContain('opsgate.yml:5 db.queries[0].runs:');
    expect(message).toMatch(/opsgate\.yml:6 db\.queries\[1\]\.plan\.forbid-all: unknown key "forbid-all"/);
  });

  it('reports a duplicate guard name (the baseline keys on it)', () => {
    expect(() =>
      parseConfigText(
        yaml(
          '  url: postgres://h/db\n  queries:\n    - { name: a, sql: SELECT 1 }\n    - { name: a, sql: SELECT 2 }\n',
        ),
        'opsgate.yml',
        {},
      ),
    ).toThrow(/db\.queries\[1\]\.name: duplicate guard name "a"/);
  });
});
