import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseConfigText } from '../../../src/core/config/load-config.js';
import { redact } from '../../../src/core/secrets.js';
import { LoginFailedError, TargetClient } from '../../../src/engines/http/sessions.js';
import { DEMO_PASSWORD, startTestDemo, cleanupAfterEach } from '../../support/demo.js';

const cleanups = cleanupAfterEach();

function clientFor(url: string, password = '${PW}'): TargetClient {
  const config = parseConfigText(
    stringify({
      target: { 'base-url': url },
      identities: {
        viewer: {
          kind: 'json-login',
          login: { path: '/api/auth/login', body: { email: 'viewer@demo.test', password } },
        },
      },
    }),
    'opsgate.yml',
    { PW: DEMO_PASSWORD },
  );
  return new TargetClient(config.target, config.identities);
}

describe('TargetClient sessions against the demo target', () => {
  it('logs in once, logs in again when the token expires, and registers the token as a secret', async () => {
    const d = await startTestDemo({ tokenTtlMs: 300, rateLimit: 10_000 });
    cleanups.push(d.stopAll);
    const client = clientFor(d.url);
    expect((await client.send('viewer', { method: 'GET', path: '/api/me' })).status).toBe(200);
    expect((await client.send('viewer', { method: 'GET', path: '/api/me' })).status).toBe(200);
    expect(client.loginCount).toBe(1);
    const token = (await client.session('viewer')).headers.Authorization!.slice('Bearer '.length);
    expect(redact(`token ${token}`)).not.toContain(token);
    await new Promise((r) => setTimeout(r, 400));
    expect((await client.send('viewer', { method: 'GET', path: '/api/me' })).status).toBe(200);
    expect(client.loginCount).toBe(2);
  });

  it('reports a wrong password as LoginFailedError, not a crash', async () => {
    const d = await startTestDemo();
    cleanups.push(d.stopAll);
    const err = await clientFor(d.url, 'not-the-password')
      .send('viewer', { method: 'GET', path: '/api/me' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoginFailedError);
    expect((err as LoginFailedError).status).toBe(401);
  });
});
