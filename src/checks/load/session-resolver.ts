import type { OpsgateConfig } from '../../core/config/schema.js';
import type { IdentityConfig } from '../../core/config/sections/identities.js';
import type { SessionResolver } from '../../engines/embedded-load/run-embedded.js';
import type { SessionCache } from '../../engines/http/session-cache.js';
import { LoginFailedError, TargetClient, type Session } from '../../engines/http/sessions.js';

/**
 * Sessions for the embedded engine, through the same client and the run's session cache: one
 * login per identity, one re-login when a token that had worked is answered 401.
 */
export function sessionResolver(config: OpsgateConfig, sessions?: SessionCache): SessionResolver {
  const client = new TargetClient(
    config.target,
    config.identities as Record<string, IdentityConfig>,
    sessions,
  );
  const lastGiven = new Map<string, Session>();
  return async (identity, { refresh }) => {
    try {
      const given = lastGiven.get(identity);
      const s = refresh && given ? await client.afterExpiry(identity, given) : await client.session(identity);
      if (!s) return { failed: 'token expired (re-login already used)' };
      lastGiven.set(identity, s);
      const headers = { ...s.headers };
      if (s.cookies.size) headers.cookie = [...s.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      return { headers };
    } catch (err) {
      if (err instanceof LoginFailedError)
        return {
          failed:
            err.status >= 200 && err.status < 300
              ? 'token capture failed'
              : `login failed (${err.status || 'no response'})`,
        };
      throw err;
    }
  };
}
