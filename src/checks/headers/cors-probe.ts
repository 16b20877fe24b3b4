import type { HeadersConfig } from '../../core/config/sections/headers.js';
import type { Finding } from '../../core/evidence/model.js';
import type { TargetClient } from '../../engines/http/sessions.js';
import { headerFinding } from './finding.js';
import type { PagePlan } from './plan.js';

/** What the target answered to a request from a foreign origin. */
export interface CorsObservation {
  origin: string;
  status: number;
  allowOrigin: string | null;
  allowCredentials: string | null;
  /** Wildcard, reflected or `null` origin together with credentials. */
  permissive: 'wildcard' | 'reflected' | 'null' | false;
}

/**
 * Send the page's GET again with `Origin: <probe-origin>` (a host that cannot exist). A server
 * that answers with `*`, the probe origin or `null` *and* `Access-Control-Allow-Credentials: true`
 * lets any site read the page with the user's cookies.
 */
export async function probeCors(
  client: TargetClient,
  page: PagePlan,
  rule: HeadersConfig['cors'],
): Promise<CorsObservation> {
  const origin = rule['probe-origin'].replace(/\/$/, '');
  const res = await client.send(page.identity, {
    method: 'GET',
    path: page.path,
    headers: { origin },
  });
  const allowOrigin = res.headers.get('access-control-allow-origin');
  const allowCredentials = res.headers.get('access-control-allow-credentials');
  const credentials = allowCredentials?.trim().toLowerCase() === 'true';
  const acao = allowOrigin?.trim();
  const permissive = !credentials
    ? false
    : acao === '*'
      ? 'wildcard'
      : acao === origin
        ? 'reflected'
        : acao === 'null'
          ? 'null'
          : false;
  return { origin, status: res.status, allowOrigin, allowCredentials, permissive };
}

const WHAT: Record<Exclude<CorsObservation['permissive'], false>, string> = {
  wildcard: 'allows any origin (*) with credentials',
  reflected: 'reflects any Origin with credentials',
  null: 'allows the null origin with credentials',
};

/** The CORS finding of one page, if its answer to the probe was permissive. */
export function corsFindings(
  observation: CorsObservation,
  page: PagePlan,
  url: string,
  rule: HeadersConfig['cors'],
): Finding[] {
  if (!observation.permissive) return [];
  return [
    headerFinding({
      rule: 'cors',
      place: page.path,
      severity: rule.severity,
      title: `CORS ${WHAT[observation.permissive]} on ${page.path}`,
      problem: `CORS ${WHAT[observation.permissive]}`,
      expected: `no Access-Control-Allow-Origin for ${observation.origin} (or no Access-Control-Allow-Credentials)`,
      seen: `Access-Control-Allow-Origin: ${observation.allowOrigin}; Access-Control-Allow-Credentials: ${observation.allowCredentials}`,
      location: `GET ${url} (Origin: ${observation.origin})`,
      solution:
        'Allow only a fixed list of trusted origins; never echo the request Origin when credentials are allowed.',
      references: ['https://developer.mozilla.org/docs/Web/HTTP/CORS#requests_with_credentials'],
    }),
  ];
}
