import type { RbacOwnershipProbe, StatusExpectation } from '../../core/config/sections/rbac.js';
import { readJsonPath } from '../../engines/http/json-path.js';
import { LoginFailedError, type TargetClient } from '../../engines/http/sessions.js';
import { describeExpectation } from './expectation.js';
import { fillBody, fillTemplate, sendCleanup, type CreatedRecord } from './fixtures.js';
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
  const label = `(${p.name} owned by ${p.owner})`;
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
  let id: string;
  try {
    const res = await client.send(p.owner, {
      method: p.create.method,
      path: p.create.path,
      body: p.create.body,
      headers: p.create.headers,
    });
    const raw = readJsonPath(res.json, p['id-path']);
    if (res.status < 200 || res.status >= 300 || (typeof raw !== 'string' && typeof raw !== 'number'))
      return cells.map((c) =>
        failed(c, `${p.name}: create as ${p.owner} answered ${res.status || 'timeout'}; nothing to probe`),
      );
    id = String(raw);
  } catch (err) {
    if (err instanceof LoginFailedError) return cells.map((c) => loginSkippedCell(c, err, 'ownership'));
    const cellsFailed = cells.map((c) =>
      failedCell(
        { ...pickOwnership(c), expected: describeExpectation(c.expected), source: 'ownership' },
        err,
      ),
    );
    if (cellsFailed.every((c) => c !== undefined)) return cellsFailed;
    throw err;
  }
  const record: CreatedRecord = {
    fixture: `ownership:${p.name}`,
    id,
    createdBy: p.owner,
    cleanup: 'pending',
  };
  opts.created.push(record);
  const values = { id };
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
