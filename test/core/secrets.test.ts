import { describe, expect, it } from 'vitest';
import { redact, redactDeep, registerSecret } from '../../src/core/secrets.js';

describe('redaction', () => {
  it('masks JWT-shaped strings, bearer values and connection-string passwords', () => {
    const jwt = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'c2lnbmF0dXJl'].join('.');
    expect(redact(`token ${jwt} end`)).toBe('token [redacted] end');
    expect(redact('Authorization: Bearer abcdefghijklmnop')).toBe('Authorization: Bearer [redacted]');
    expect(redact('postgres://app:s3cr3t-pw@db.internal:5432/app')).toBe(
      'postgres://app:[redacted]@db.internal:5432/app',
    );
    expect(redact('password=hunter22 next')).toBe('password=[redacted] next');
    expect(redact('{"token": "abc123xyz", "n": 1}')).toBe('{"token": "[redacted]", "n": 1}');
  });

  it('masks registered secrets wherever they appear, and secret-named keys', () => {
    registerSecret('opaque-value-42');
    const out = redactDeep({ note: 'used opaque-value-42 here', nested: [{ password: 'x1' }], count: 3 });
    expect(out).toEqual({ note: 'used [redacted] here', nested: [{ password: '[redacted]' }], count: 3 });
  });

  it('leaves ordinary text alone', () => {
    expect(redact('GET /api/companies answered 403')).toBe('GET /api/companies answered 403');
    expect(redact('login.body.password: environment variable X is not set')).toBe(
      'login.body.password: environment variable X is not set',
    );
  });
});
