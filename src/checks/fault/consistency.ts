import pg from 'pg';
import type { ConsistencyCheck } from '../../core/config/sections/fault.js';
import type { IdentityConfig } from '../../core/config/sections/identities.js';
import type { TargetConfig } from '../../core/config/sections/target.js';
import { describeCause } from '../../core/errors.js';
import { TargetClient } from '../../engines/http/sessions.js';
import { compareValues } from '../restore/verification.js';
import { statusMatches } from './judge.js';

export interface ConsistencyResult {
  name: string;
  kind: 'http' | 'sql';
  ok: boolean;
  expected: string;
  actual: string;
}

const SQL_TIMEOUT_MS = 10_000;

/** Run the assertions that prove nothing was lost; a failing query or request is a failed result. */
export async function checkConsistency(
  checks: ConsistencyCheck[],
  opts: { target: TargetConfig; identities: Record<string, IdentityConfig> },
): Promise<ConsistencyResult[]> {
  const client = new TargetClient(opts.target, opts.identities);
  const out: ConsistencyResult[] = [];
  for (const c of checks) out.push('http' in c ? await httpCheck(c, client) : await sqlCheck(c));
  return out;
}

async function httpCheck(
  c: Extract<ConsistencyCheck, { http: unknown }>,
  client: TargetClient,
): Promise<ConsistencyResult> {
  const h = c.http;
  const expected = `GET ${h.path} → ${h['expect-status'].join('|')}${h['body-contains'] ? ` containing ${JSON.stringify(h['body-contains'])}` : ''}`;
  try {
    const res = await client.send(h.identity, { method: 'GET', path: h.path });
    const statusOk = h['expect-status'].some((m) => statusMatches(res.status, m));
    const bodyOk = h['body-contains'] === undefined || res.text.includes(h['body-contains']);
    return {
      name: c.name,
      kind: 'http',
      ok: statusOk && bodyOk,
      expected,
      actual: res.timedOut ? 'timeout' : `${res.status}${bodyOk ? '' : ', body without the expected text'}`,
    };
  } catch (err) {
    return { name: c.name, kind: 'http', ok: false, expected, actual: describeCause(err) };
  }
}

async function sqlCheck(c: Extract<ConsistencyCheck, { sql: unknown }>): Promise<ConsistencyResult> {
  const { query, expect } = c.sql;
  const expected = `${expect.op} ${String(expect.value)}`;
  const db = new pg.Client({
    connectionString: c.sql.url,
    connectionTimeoutMillis: SQL_TIMEOUT_MS,
    statement_timeout: SQL_TIMEOUT_MS,
  });
  try {
    await db.connect();
    const { rows } = await db.query<Record<string, unknown>>(query);
    const first = rows[0] ? Object.values(rows[0])[0] : undefined;
    const ok = first !== undefined && compareValues(first, expect.op, expect.value);
    return {
      name: c.name,
      kind: 'sql',
      ok,
      expected,
      actual: first === undefined ? 'no row' : String(first),
    };
  } catch (err) {
    return { name: c.name, kind: 'sql', ok: false, expected, actual: `query failed: ${describeCause(err)}` };
  } finally {
    await db.end().catch(() => undefined);
  }
}
