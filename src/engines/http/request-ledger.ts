import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The run's request ledger: one JSON line per request opsgate sent (or one line per bulk of
 * requests a load engine sent), in `<out>/ledger/requests.jsonl`. Every check and every CLI
 * invocation that shares an out dir appends to the same file, so a probe of a per-IP limiter
 * can subtract what opsgate already spent of the window.
 */
export interface LedgerEntry {
  /** Epoch ms the request was answered (for a bulk: when it ended). */
  t: number;
  /** Hostname the request went to, lower case, without brackets. */
  host: string;
  check: string;
  /** Identity the request was sent as; `-` when none applies (reachability checks). */
  identity: string;
  method: string;
  /** Path without the query string (which could carry secrets). */
  path: string;
  /** 0 for a timeout or no answer; -1 for a bulk whose statuses are in the load evidence. */
  status: number;
  /** Requests this line stands for (bulk lines from load engines); 1 when absent. */
  count?: number;
  /** Bulk lines: epoch ms the bulk started. */
  from?: number;
}

export interface LedgerScope {
  file: string;
  check: string;
  /** Requests recorded in this scope, by host: the per-check figure the report shows. */
  sent: Map<string, number>;
}

const storage = new AsyncLocalStorage<LedgerScope>();

/** Where the ledger of an out dir lives. */
export function ledgerFile(outDir: string): string {
  return path.join(outDir, 'ledger', 'requests.jsonl');
}

/** Run `fn` with every request it sends recorded under `check` in the out dir's ledger. */
export function withLedger<T>(
  outDir: string,
  check: string,
  fn: (scope: LedgerScope) => Promise<T>,
): Promise<T> {
  const scope: LedgerScope = { file: ledgerFile(outDir), check, sent: new Map() };
  return storage.run(scope, () => fn(scope));
}

/** The scope of the running check, if any (servers capture it to record from their own callbacks). */
export function currentLedgerScope(): LedgerScope | undefined {
  return storage.getStore();
}

export function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/** Record one request (or a bulk). Outside a ledger scope nothing is recorded. */
export function recordRequest(
  entry: Omit<LedgerEntry, 't' | 'check' | 'host' | 'path'> & { url: string; t?: number },
  scope: LedgerScope | undefined = storage.getStore(),
): void {
  if (!scope) return;
  const u = new URL(entry.url);
  const line: LedgerEntry = {
    t: entry.t ?? Date.now(),
    host: hostOf(entry.url),
    check: scope.check,
    identity: entry.identity,
    method: entry.method,
    path: u.pathname,
    status: entry.status,
    ...(entry.count !== undefined ? { count: entry.count } : {}),
    ...(entry.from !== undefined ? { from: entry.from } : {}),
  };
  const n = entry.count ?? 1;
  scope.sent.set(line.host, (scope.sent.get(line.host) ?? 0) + n);
  try {
    mkdirSync(path.dirname(scope.file), { recursive: true });
    appendFileSync(scope.file, JSON.stringify(line) + '\n');
  } catch {
    // An unwritable ledger loses the count, not the run; the out dir was checked writable first.
  }
}

/** Every entry of a ledger file; unreadable lines are skipped (a crashed writer's last line). */
export function readLedger(file: string): LedgerEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: LedgerEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as LedgerEntry;
      if (typeof e.t === 'number' && typeof e.host === 'string') out.push(e);
    } catch {
      // skip
    }
  }
  return out;
}

export interface LedgerQuery {
  host: string;
  /** Count from this epoch ms (a bulk counts when any of it falls inside). */
  since: number;
  /** Up to (exclusive) this epoch ms; default: everything recorded so far. */
  until?: number;
  /** Only requests sent as this identity (limiters keyed by identity or token). */
  identity?: string;
  /** Paths the limiter does not count. */
  skipPath?: (path: string) => boolean;
}

/** Requests opsgate sent matching the query, with the checks that sent them. */
export function countLedger(
  file: string,
  q: LedgerQuery,
): { total: number; byCheck: Record<string, number> } {
  const until = q.until ?? Infinity;
  const byCheck: Record<string, number> = {};
  let total = 0;
  for (const e of readLedger(file)) {
    if (e.host !== q.host.toLowerCase()) continue;
    if (q.identity !== undefined && e.identity !== q.identity) continue;
    if (q.skipPath?.(e.path)) continue;
    if (e.t < q.since || (e.from ?? e.t) >= until) continue;
    const n = e.count ?? 1;
    total += n;
    byCheck[e.check] = (byCheck[e.check] ?? 0) + n;
  }
  return { total, byCheck };
}
