import type { OpsgateConfig } from '../../core/config/schema.js';
import { ConfigError } from '../../core/errors.js';
import { registerSecret } from '../../core/secrets.js';
import type { SessionCache } from '../../engines/http/session-cache.js';
import { TargetClient } from '../../engines/http/sessions.js';

/** The one header ZAP adds to every request (ZAP_AUTH_HEADER / ZAP_AUTH_HEADER_VALUE). */
export interface ZapAuthHeader {
  name: string;
  value: string;
  /** ZAP only adds the header when the request host contains this (ZAP_AUTH_HEADER_SITE). */
  site: string;
}

/**
 * Log an identity in with the same client every other check uses and take the header that carries
 * its credential: Authorization for bearer/basic, the token header for json-login, the API key
 * header, or Cookie for cookie sessions. The value is registered as a secret.
 */
export async function zapAuthHeader(
  config: OpsgateConfig,
  identityName: string,
  sessions?: SessionCache,
): Promise<ZapAuthHeader> {
  const client = new TargetClient(config.target, config.identities, sessions);
  if (!config.identities[identityName])
    throw new ConfigError([
      { path: 'dast.identity', message: `identity "${identityName}" is not defined under identities` },
    ]);
  const id = client.identity(identityName);
  const session = await client.session(identityName);
  const site = new URL(config.target['base-url']).hostname;
  const pick = (name: string): ZapAuthHeader => {
    const key = Object.keys(session.headers).find((k) => k.toLowerCase() === name.toLowerCase());
    const value = key ? session.headers[key] : undefined;
    if (!value)
      throw new ConfigError([
        { path: 'dast.identity', message: `identity "${identityName}" yields no ${name} header` },
      ]);
    registerSecret(value);
    return { name, value, site };
  };
  switch (id.kind) {
    case 'anonymous':
      throw new ConfigError([
        {
          path: 'dast.identity',
          message: `identity "${identityName}" is anonymous: there is no credential to send`,
        },
      ]);
    case 'bearer':
    case 'basic':
      return pick('Authorization');
    case 'api-key':
      return pick(id.header);
    case 'json-login':
      return pick(id['token-header']);
    case 'cookie-session': {
      const value = [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      if (!value)
        throw new ConfigError([
          { path: 'dast.identity', message: `identity "${identityName}" got no session cookie at login` },
        ]);
      registerSecret(value);
      return { name: 'Cookie', value, site };
    }
  }
}
