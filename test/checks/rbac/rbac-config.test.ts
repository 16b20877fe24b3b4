import { describe, expect, it } from 'vitest';
import { classifyCell, statusMatches } from '../../../src/checks/rbac/expectation.js';
import { globMatches, planMatrix } from '../../../src/checks/rbac/plan-matrix.js';
import { parseConfigText } from '../../../src/core/config/load-config.js';
import { ConfigError } from '../../../src/core/errors.js';

const base = `version: 1
target: { base-url: "http://127.0.0.1:9" }
identities:
  viewer: { kind: bearer, token: t }
`;

function configError(text: string): ConfigError {
  try {
    const config = parseConfigText(text, 'opsgate.yml', {});
    planMatrix(config.rbac!, config.identities);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('rbac configuration', () => {
  it('names every bad expectation with its YAML path and line', () => {
    const err = configError(`${base}rbac:
  matrix:
    - path: /api/companies
      expect:
        viewer: forbidden
    - method: DELETE
      path: /api/companies/1
      expect: { viewer: 999 }
`);
    expect(err.message).toContain(
      'opsgate.yml:9 rbac.matrix[0].expect.viewer: expected an HTTP status (100-599), a list of statuses, or a class',
    );
    expect(err.message).toContain('got "forbidden"');
    expect(err.message).toMatch(
      /opsgate\.yml:12 rbac\.matrix\[1\]\.expect\.viewer: expected an HTTP status .*got 999/,
    );
  });

  it('rejects identities and placeholders the config does not define', () => {
    const err = configError(`${base}rbac:
  defaults:
    - match: { methods: [DELETE] }
      expect: { auditor: 403 }
  matrix:
    - path: /api/companies/{company}
      expect: { admin: 200 }
`);
    expect(err.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'rbac.defaults[0].expect.auditor: identity "auditor" is not defined under identities',
      'rbac.matrix[0].expect.admin: identity "admin" is not defined under identities',
      'rbac.matrix[0].path: placeholder {company} has no entry under rbac.fixtures',
    ]);
  });

  it('expands defaults into cells, a row’s own expectation winning', () => {
    const config = parseConfigText(
      `${base}rbac:
  defaults:
    - match: { methods: [POST, DELETE] }
      expect: { viewer: 403, anonymous: denied }
    - match: { path: "/api/users/**" }
      expect: { viewer: hidden }
  matrix:
    - { method: POST, path: /api/companies }
    - { method: DELETE, path: /api/users/7, expect: { anonymous: 401 } }
    - { path: /api/companies }
`,
      'opsgate.yml',
      {},
    );
    const cells = planMatrix(config.rbac!, config.identities);
    expect(cells.map((c) => [c.id, c.expected])).toEqual([
      ['viewer POST /api/companies', 403],
      ['anonymous POST /api/companies', 'denied'],
      ['viewer DELETE /api/users/7', 'hidden'],
      ['anonymous DELETE /api/users/7', 401],
    ]);
  });

  it('matches statuses, classes and globs', () => {
    expect(
      statusMatches('denied', 401) &&
        statusMatches('denied', 404) &&
        !statusMatches('denied', 200) &&
        !statusMatches('hidden', 401),
    ).toBe(true);
    expect(
      statusMatches('hidden', 404) && statusMatches('hidden', 403) && !statusMatches('hidden', 401),
    ).toBe(true);
    expect(statusMatches('2xx', 204) && !statusMatches('2xx', 301)).toBe(true);
    expect(classifyCell(403, 204)).toBe('bypassed');
    expect(classifyCell(403, 404)).toBe('unexpected');
    expect(classifyCell(200, 403)).toBe('unexpected');
    expect(globMatches('/api/*', '/api/companies') && !globMatches('/api/*', '/api/companies/{id}')).toBe(
      true,
    );
    expect(globMatches('/api/**', '/api/companies/{id}')).toBe(true);
  });
});
