import type { OpsgateConfig } from '../../core/config/schema.js';
import type { HeaderRuleId, HeadersConfig } from '../../core/config/sections/headers.js';
import { headersSection } from '../../core/config/sections/headers.js';
import { ConfigError, type ConfigProblem } from '../../core/errors.js';

/** One page to fetch and the rules that apply to it. */
export interface PagePlan {
  path: string;
  identity: string;
  skip: ReadonlySet<HeaderRuleId>;
}

/** Where the TLS probe connects, when the target is https. */
export interface TlsPlan {
  host: string;
  port: number;
}

/** Everything the headers check will do, decided from config before any traffic. */
export interface HeadersPlan {
  rules: HeadersConfig;
  baseUrl: string;
  https: boolean;
  pages: PagePlan[];
  tls?: TlsPlan;
}

/**
 * Resolve the `headers` section (defaults when absent) into pages and a TLS target. Identities
 * named by pages must exist; every missing one is reported at once.
 */
export function planHeaders(config: OpsgateConfig): HeadersPlan {
  const rules = config.headers ?? headersSection.unwrap().parse({});
  const base = new URL(config.target['base-url']);
  const https = base.protocol === 'https:';
  const pages: PagePlan[] = rules.paths.map((entry) =>
    typeof entry === 'string'
      ? { path: entry, identity: rules.identity, skip: new Set() }
      : { path: entry.path, identity: entry.identity ?? rules.identity, skip: new Set(entry.skip) },
  );
  const defined = (name: string) => name === 'anonymous' || Boolean(config.identities[name]);
  const problems: ConfigProblem[] = [];
  if (!defined(rules.identity)) problems.push(unknownIdentity('headers.identity', rules.identity));
  rules.paths.forEach((entry, i) => {
    if (typeof entry !== 'string' && entry.identity && !defined(entry.identity))
      problems.push(unknownIdentity(`headers.paths[${i}].identity`, entry.identity));
  });
  if (problems.length) throw new ConfigError(problems);
  const tls =
    https && rules.tls.enabled
      ? { host: base.hostname.replace(/^\[|\]$/g, ''), port: Number(base.port || 443) }
      : undefined;
  return { rules, baseUrl: base.toString(), https, pages, ...(tls ? { tls } : {}) };
}

function unknownIdentity(path: string, name: string): ConfigProblem {
  return { path, message: `identity "${name}" is not defined under identities` };
}
