import { recordRequest } from '../../engines/http/request-ledger.js';
import type { LoadRunResult } from '../../engines/load-plan.js';
import type { planLoad } from './plan-load.js';

/**
 * The load engines send outside opsgate's HTTP client: one bulk ledger line per endpoint. The
 * embedded engine's logins go through the shared client and are in the ledger already; the
 * generated k6 script logs each identity in once, in setup(). A user script's requests are one
 * line for the whole run (its logins are its own and cannot be seen).
 */
export function recordLoadInLedger(
  plan: ReturnType<typeof planLoad>,
  result: LoadRunResult,
  from: number,
  userScript: boolean,
): void {
  if (userScript) {
    if (result.total.requests > 0)
      recordRequest({
        url: plan.baseUrl,
        identity: '-',
        method: 'GET',
        status: -1,
        count: result.total.requests,
        from,
      });
    return;
  }
  for (const e of plan.endpoints) {
    const count = result.endpoints.find((x) => x.name === e.name)?.requests ?? 0;
    if (count > 0)
      recordRequest({
        url: new URL(e.path, plan.baseUrl).toString(),
        identity: e.identity,
        method: e.method,
        status: -1,
        count,
        from,
      });
  }
  if (result.engine !== 'k6') return;
  for (const name of new Set(plan.endpoints.map((e) => e.identity))) {
    const id = plan.identities[name];
    if (id && id.kind !== 'static')
      recordRequest({
        url: new URL(id.login.path, plan.baseUrl).toString(),
        identity: name,
        method: id.login.method,
        status: -1,
        count: 1,
        from,
      });
  }
}
