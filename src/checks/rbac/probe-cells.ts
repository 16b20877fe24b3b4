import type { StatusExpectation } from '../../core/config/sections/rbac.js';
import { LoginFailedError, type TargetClient } from '../../engines/http/sessions.js';
import { requestFailureReason, targetGone } from '../../engines/http/request-failure.js';
import { runBounded } from './bounded-pool.js';
import { classifyCell, describeExpectation, type CellVerdict } from './expectation.js';
import { fillBody, fillTemplate, FixtureError, type FixtureManager } from './fixtures.js';
import type { MatrixCell } from './plan-matrix.js';

/** What one cell answered. `status` is null when nothing was sent. */
export interface CellResult {
  id: string;
  identity: string;
  method: string;
  path: string;
  expected: string | number;
  status: number | null;
  verdict: CellVerdict | 'skipped' | 'error';
  ms?: number;
  /** Why the cell was skipped or could not be probed. */
  reason?: string;
  /** Source of the cell: `matrix` or `ownership`. */
  source: 'matrix' | 'ownership';
  /** Set when the cell was skipped because this identity could not log in. */
  loginFailed?: string;
  /** Set when the request got no answer; `target-gone` when nothing listens any more. */
  failure?: 'no-answer' | 'target-gone';
}

/** A cell whose request (or login, or fixture) failed: recorded on the cell, the run goes on. */
export function failedCell(
  base: Omit<CellResult, 'status' | 'verdict'>,
  err: unknown,
): CellResult | undefined {
  if (err instanceof LoginFailedError || err instanceof FixtureError)
    return { ...base, status: null, verdict: 'error', reason: err.message };
  const why = requestFailureReason(err);
  if (!why) return undefined;
  // A target-level failure keeps the full message (what was tried) for the run's error.
  const gone = targetGone(err);
  return {
    ...base,
    status: null,
    verdict: 'error',
    reason: gone ? (err as Error).message : why,
    failure: gone ? 'target-gone' : 'no-answer',
  };
}

export interface ProbeOptions {
  client: TargetClient;
  fixtures: FixtureManager;
  destructive: { allowed: boolean; reason?: string };
  concurrency: number;
  deadline: number;
  signal: AbortSignal;
}

/** Skip a cell without sending anything. */
export function skippedCell(
  cell: Pick<MatrixCell, 'id' | 'identity' | 'method' | 'path' | 'expected'>,
  reason: string,
  source: CellResult['source'] = 'matrix',
): CellResult {
  return {
    ...pick(cell),
    expected: describeExpectation(cell.expected),
    status: null,
    verdict: 'skipped',
    reason,
    source,
  };
}

/**
 * A cell of an identity that could not log in: skipped, unsent, with the login's reason. The
 * check adds one finding per such identity, so a wrong password is one line, not one per cell.
 */
export function loginSkippedCell(
  cell: Pick<MatrixCell, 'id' | 'identity' | 'method' | 'path' | 'expected'>,
  err: LoginFailedError,
  source: CellResult['source'] = 'matrix',
): CellResult {
  return {
    ...skippedCell(cell, `login failed: identity "${err.identity}" could not log in: ${err.why}`, source),
    loginFailed: err.identity,
  };
}

function pick(
  c: Pick<MatrixCell, 'id' | 'identity' | 'method' | 'path'>,
): Pick<CellResult, 'id' | 'identity' | 'method' | 'path'> {
  return { id: c.id, identity: c.identity, method: c.method, path: c.path };
}

/** Send one request as an identity and judge the status against the expectation. */
export async function probeOnce(
  client: TargetClient,
  cell: Pick<MatrixCell, 'id' | 'identity' | 'method' | 'path'> & { expected: StatusExpectation },
  request: { path: string; body?: unknown; headers?: Record<string, string> },
  source: CellResult['source'],
): Promise<CellResult> {
  return (await probeOnceWithBody(client, cell, request, source)).result;
}

/** {@link probeOnce}, also returning the response JSON (to clean up what a create cell made). */
export async function probeOnceWithBody(
  client: TargetClient,
  cell: Pick<MatrixCell, 'id' | 'identity' | 'method' | 'path'> & { expected: StatusExpectation },
  request: { path: string; body?: unknown; headers?: Record<string, string> },
  source: CellResult['source'],
): Promise<{ result: CellResult; json?: unknown }> {
  const base = { ...pick(cell), expected: describeExpectation(cell.expected), source };
  try {
    const res = await client.send(cell.identity, { method: cell.method, ...request });
    const verdict = res.timedOut ? 'unexpected' : classifyCell(cell.expected, res.status);
    const result: CellResult = {
      ...base,
      status: res.status,
      verdict,
      ms: Math.round(res.ms * 10) / 10,
      ...(res.timedOut ? { reason: 'timed out' } : {}),
    };
    return { result, json: res.json };
  } catch (err) {
    if (err instanceof LoginFailedError) return { result: loginSkippedCell(cell, err, source) };
    const failed = failedCell(base, err);
    if (failed) return { result: failed };
    throw err;
  }
}

/**
 * Probe matrix cells: reads first, then writes, then deletes (so a delete never hides a read
 * on a shared fixture), each phase with bounded concurrency. Destructive cells and cells that
 * need created fixtures are skipped, unsent, when destructive probes are not allowed.
 */
export async function probeCells(cells: MatrixCell[], opts: ProbeOptions): Promise<CellResult[]> {
  const results = new Map<string, CellResult>();
  const runnable: MatrixCell[] = [];
  for (const cell of cells) {
    const destructive = cell.write || opts.fixtures.needsCreation(cell.placeholders);
    if (destructive && !opts.destructive.allowed)
      results.set(cell.id, skippedCell(cell, `destructive probe not run: ${opts.destructive.reason}`));
    else runnable.push(cell);
  }
  const phases = [
    runnable.filter((c) => !c.write),
    runnable.filter((c) => c.write && c.method !== 'DELETE'),
    runnable.filter((c) => c.method === 'DELETE'),
  ];
  for (const phase of phases) {
    const { notRun, stoppedBy } = await runBounded(
      phase,
      opts.concurrency,
      opts.deadline,
      opts.signal,
      async (cell) => {
        results.set(cell.id, await probeCell(cell, opts));
      },
    );
    for (const cell of notRun)
      results.set(
        cell.id,
        skippedCell(
          cell,
          stoppedBy === 'aborted' ? 'not run: the run was aborted' : 'not run: rbac.max-duration reached',
        ),
      );
  }
  return cells.map((c) => results.get(c.id)!);
}

async function probeCell(cell: MatrixCell, opts: ProbeOptions): Promise<CellResult> {
  let lease: Awaited<ReturnType<FixtureManager['acquire']>>;
  try {
    lease = await opts.fixtures.acquire(cell.placeholders);
  } catch (err) {
    if (err instanceof LoginFailedError) return loginSkippedCell(cell, err);
    const failed = failedCell(
      { ...pick(cell), expected: describeExpectation(cell.expected), source: 'matrix' },
      err,
    );
    if (failed) return failed;
    throw err;
  }
  try {
    const { result, json } = await probeOnceWithBody(
      opts.client,
      cell,
      {
        path: fillTemplate(cell.path, lease.values),
        body: fillBody(cell.body, lease.values),
        headers: cell.headers,
      },
      'matrix',
    );
    if (cell.cleanup && result.status !== null && result.status >= 200 && result.status < 300)
      await opts.fixtures.cleanupCreated(
        `matrix:${cell.id}`,
        cell.identity,
        cell.cleanup,
        json,
        lease.values,
      );
    return result;
  } finally {
    await lease.release();
  }
}
