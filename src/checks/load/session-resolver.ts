import type { OpsgateConfig } from '../../core/config/schema.js';
import type { IdentityConfig } from '../../core/config/sections/identities.js';
import type { SessionResolver } from '../../engines/embedded-load/run-embedded.js';
import { LoginFailedError, TargetClient } from '../../engines/http/sessions.js';

/** Sessions for the embedded engine, through the same client the probes use. */
export function sessionResolver(config: OpsgateConfig): SessionResolver {
  const client = new TargetClient(config.target, config.identities as Record<string, IdentityConfig>);
  return async (identity, { refresh }) => {
    if (refresh) client.forget(identity);
    try {
      const s = await client.session(identity);
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
