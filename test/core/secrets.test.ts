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

describe('encoded forms and word boundaries', () => {
  it('masks base64, base64url, URL-encoded and JSON-escaped forms of a secret', async () => {
    const { registerSecret, redact, clearSecrets } = await import('../../src/core/secrets.js');
    clearSecrets();
    const s = 'p@ss w"rd/+?~1';
    registerSecret(s);
    const forms = [
      s,
      Buffer.from(s).toString('base64'),
      Buffer.from(s).toString('base64url'),
      encodeURIComponent(s),
      encodeURIComponent(s).replace(/%20/g, '+'),
      JSON.stringify(s).slice(1, -1),
    ];
    for (const f of forms) expect(redact(`x ${f} y`)).toBe('x [redacted] y');
    clearSecrets();
  });

  it('masks a short alphanumeric secret only as a whole word', async () => {
    const { registerSecret, redact, clearSecrets } = await import('../../src/core/secrets.js');
    clearSecrets();
    registerSecret('acme');
    expect(redact('SELECT * FROM acme_users')).toBe('SELECT * FROM acme_users');
    expect(redact('pw=acme;')).toBe('pw=[redacted];');
    expect(redact('the token value is reflected')).toBe('the token value is reflected');
    clearSecrets();
  });
});
