import {
  ownershipLabel,
  type RbacOwnershipProbe,
  type StatusExpectation,
} from '../../core/config/sections/rbac.js';
import { readJsonPath } from '../../engines/http/json-path.js';
import { LoginFailedError, type TargetClient } from '../../engines/http/sessions.js';
import { describeExpectation } from './expectation.js';
import { answerText } from './answer-text.js';
import type { CapturedValues } from './captures.js';
import { FixtureError, fillBody, fillTemplate, sendCleanup, type CreatedRecord } from './fixtures.js';
import { placeholdersOf } from './plan-matrix.js';
import { failedCell, loginSkippedCell, probeOnce, skippedCell, type CellResult } from './probe-cells.js';

const attemptMethod = { read: 'GET', update: 'PUT', delete: 'DELETE' } as const;

interface OwnershipCell {
  id: string;
  identity: string;
  method: string;
  path: string;
  expected: StatusExpectation;
  body?: unknown;
}

/** The cells one ownership probe consists of: the owner reads (control), then others read, update, delete. */
export function ownershipCells(p: RbacOwnershipProbe): OwnershipCell[] {
  const label = ownershipLabel(p);
  const cells: OwnershipCell[] = [
    {
      id: `${p.owner} GET ${p.resource} ${label}`,
      identity: p.owner,
      method: 'GET',
      path: p.resource,
      expected: '2xx',
    },
  ];
  for (const attempt of (['read', 'update', 'delete'] as const).filter((a) => p.try.includes(a))) {
    const method = attempt === 'update' ? p['update-method'] : attemptMethod[attempt];
    for (const other of p.others)
      cells.push({
        id: `${other} ${method} ${p.resource} ${label}`,
        identity: other,
        method,
        path: p.resource,
        expected: p.expect,
        body: attempt === 'update' ? (p['update-body'] ?? {}) : undefined,
      });
  }
  return cells;
}

/**
 * IDOR/BOLA: the owner creates a resource, others try to reach it, the owner deletes it again.
 * The delete runs in `finally`, so a failing or aborted probe leaves nothing behind.
 */
export async function runOwnershipProbe(
  client: TargetClient,
  p: RbacOwnershipProbe,
  opts: {
    destructive: { allowed: boolean; reason?: string };
    signal: AbortSignal;
    deadline: number;
    created: CreatedRecord[];
    /** Static fixture values. */
    statics: Record<string, string>;
    captures: CapturedValues;
    /** `{run}`: unique per run, so a lookup finds this run's record and no other. */
    runId: string;
  },
): Promise<CellResult[]> {
  const cells = ownershipCells(p);
  if (!opts.destructive.allowed)
    return cells.map((c) =>
      skippedCell(c, `destructive probe not run: ${opts.destructive.reason}`, 'ownership'),
    );
  if (opts.signal.aborted || Date.now() >= opts.deadline) {
    const why = opts.signal.aborted ? 'not run: the run was aborted' : 'not run: rbac.max-duration reached';
    return cells.map((c) => skippedCell(c, why, 'ownership'));
  }
  let base: Record<string, string>;
  let created: { id?: string; why?: string };
  try {
    const names = placeholdersOf(
      JSON.stringify([p.create, p.resource, p.lookup, p.cleanup, p['update-body']]),
    );
    base = { ...opts.statics, run: opts.runId, ...(await opts.captures.valuesFor(names)) };
    created = await createAndFind(client, p, base);
  } catch (err) {
    if (err instanceof LoginFailedError) return cells.map((c) => loginSkippedCell(c, err, 'ownership'));
    if (err instanceof FixtureError) return cells.map((c) => failed(c, `${p.name}: ${err.message}`));
    const cellsFailed = cells.map((c) =>
      failedCell(
        { ...pickOwnership(c), expected: describeExpectation(c.expected), source: 'ownership' },
        err,
      ),
    );
    if (cellsFailed.every((c) => c !== undefined)) return cellsFailed;
    throw err;
  }
  if (!created.id) {
    // A 2xx whose record cannot be named may still exist: report it as left behind, never keep it silently.
    if (created.why?.includes('answered 2'))
      opts.created.push({
        fixture: `ownership:${p.name}`,
        id: '?',
        createdBy: p.owner,
        cleanup: 'failed',
        answer: created.why,
      });
    return cells.map((c) => failed(c, `${p.name}: ${created.why}; nothing to probe`));
  }
  const id = created.id;
  const record: CreatedRecord = {
    fixture: `ownership:${p.name}`,
    id,
    createdBy: p.owner,
    cleanup: 'pending',
  };
  opts.created.push(record);
  const values = { ...base, id };
  const results: CellResult[] = [];
  try {
    for (const c of cells) {
      if (opts.signal.aborted || Date.now() >= opts.deadline) {
        results.push(
          skippedCell(
            c,
            opts.signal.aborted ? 'not run: the run was aborted' : 'not run: rbac.max-duration reached',
            'ownership',
          ),
        );
        continue;
      }
      results.push(
        await probeOnce(
          client,
          c,
          { path: fillTemplate(c.path, values), body: fillBody(c.body, values) },
          'ownership',
        ),
      );
    }
  } finally {
    const cleanup = p.cleanup ?? { method: 'DELETE' as const, path: p.resource };
    await sendCleanup(client, p.owner, cleanup, values, record);
  }
  return results;
}

function pickOwnership(c: OwnershipCell): Pick<CellResult, 'id' | 'identity' | 'method' | 'path'> {
  return { id: c.id, identity: c.identity, method: c.method, path: c.path };
}

function failed(c: OwnershipCell, reason: string): CellResult {
  return {
    id: c.id,
    identity: c.identity,
    method: c.method,
    path: c.path,
    expected: describeExpectation(c.expected),
    status: null,
    verdict: 'error',
    reason,
    source: 'ownership',
  };
}

const idOf = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;

/**
 * Create as the owner and name the record: the id in the body, else the last segment of the
 * `Location` header, else the configured lookup (for 201/204 answers without a body).
 */
async function createAndFind(
  client: TargetClient,
  p: RbacOwnershipProbe,
  values: Record<string, string>,
): Promise<{ id?: string; why?: string }> {
  const res = await client.send(p.owner, {
    method: p.create.method,
    path: fillTemplate(p.create.path, values),
    body: fillBody(p.create.body, values),
    headers: p.create.headers,
  });
  const what = `create ${p.create.method} ${p.create.path} as ${p.owner}`;
  if (res.status < 200 || res.status >= 300) return { why: `${what} answered ${answerText(res)}` };
  const fromBody = idOf(readJsonPath(res.json, p['id-path']));
  if (fromBody) return { id: fromBody };
  const location = res.headers.get('location');
  const fromLocation = location
    ? new URL(location, 'http://x').pathname.split('/').filter(Boolean).at(-1)
    : undefined;
  if (fromLocation) return { id: decodeURIComponent(fromLocation) };
  if (!p.lookup)
    return {
      why: `${what} answered ${res.status} with no id at ${p['id-path']} and no Location; configure lookup`,
    };
  const found = await client.send(p.owner, { method: 'GET', path: fillTemplate(p.lookup.path, values) });
  const id =
    found.status >= 200 && found.status < 300
      ? idOf(readJsonPath(found.json, p.lookup['id-path']))
      : undefined;
  return id
    ? { id }
    : {
        why: `${what} answered ${res.status}; lookup GET ${p.lookup.path} answered ${answerText(found)} with no id at ${p.lookup['id-path']}`,
      };
}
