import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { EngineError } from '../../core/errors.js';
import { quoteIdent, withDatabase } from './connection.js';
import { ownerTag } from './run-owner.js';

/** Every scratch database a drill creates starts with this, so it is recognisable (and findable if a machine dies). */
export const SCRATCH_PREFIX = 'opsgate_drill_';
const SCRATCH_NAME = /^opsgate_drill_(\d{4})(\d{2})(\d{2})t(\d{2})(\d{2})(\d{2})_[0-9a-f]{8}$/;

/** Is this the name of a drill database (and nothing else, however it was spelled)? */
export function isScratchName(name: string): boolean {
  return SCRATCH_NAME.test(name);
}

/** When a drill database was created, from the UTC stamp in its name. */
export function scratchCreatedAt(name: string): Date | undefined {
  const m = SCRATCH_NAME.exec(name);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

/** Names created by this process and not yet dropped: the only databases `drop` will touch. */
const createdHere = new Set<string>();

/** `opsgate_drill_20260123t030000_1a2b3c4d` (UTC; lower case so it needs no quoting anywhere). */
export function scratchDatabaseName(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15).toLowerCase();
  return `${SCRATCH_PREFIX}${stamp}_${randomBytes(4).toString('hex')}`;
}

/** Refuse anything that is not a drill database created by this very process. */
export function assertDroppable(name: string): void {
  if (!SCRATCH_NAME.test(name))
    throw new EngineError('scratch-database', `refusing to drop "${name}": not an opsgate drill database`);
  if (!createdHere.has(name))
    throw new EngineError('scratch-database', `refusing to drop "${name}": it was not created by this drill`);
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A database created for one drill on the scratch server, dropped at the end whatever happens:
 * `drop()` is idempotent, and while it exists SIGINT/SIGTERM also start the drop (when nothing
 * else handles the signal, the signal is re-raised after the drop so the process still ends).
 */
export class ScratchDatabase {
  private dropping?: Promise<void>;
  private readonly detachSignals: () => void;

  private constructor(
    readonly serverUrl: string,
    readonly name: string,
  ) {
    this.detachSignals = this.attachSignals();
  }

  /** URL of the scratch database (carries the server credentials: never log it). */
  get url(): string {
    return withDatabase(this.serverUrl, this.name);
  }

  /**
   * Create a fresh, empty scratch database on the server at `serverUrl` (needs CREATEDB), tagged
   * with its owner (host, pid, user, start) so a later drill can tell when this one died.
   */
  static async create(serverUrl: string, now = new Date()): Promise<ScratchDatabase> {
    const name = scratchDatabaseName(now);
    const tag = JSON.stringify(await ownerTag(now));
    await withClient(serverUrl, async (c) => {
      await c.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0`);
      createdHere.add(name);
      try {
        await c.query(`COMMENT ON DATABASE ${quoteIdent(name)} IS ${c.escapeLiteral(tag)}`);
      } catch (err) {
        // An untagged database could only be swept by age: do not leave one behind.
        await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`).catch(() => undefined);
        createdHere.delete(name);
        throw err;
      }
    });
    return new ScratchDatabase(serverUrl, name);
  }

  /** Terminate its sessions (a killed pg_restore -j leaves some behind), then DROP it. Safe to call twice. */
  drop(): Promise<void> {
    this.dropping ??= this.dropNow();
    return this.dropping;
  }

  private async dropNow(): Promise<void> {
    assertDroppable(this.name);
    try {
      await withClient(this.serverUrl, async (c) => {
        await c.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [this.name],
        );
        await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(this.name)} WITH (FORCE)`);
      });
      createdHere.delete(this.name);
    } finally {
      this.detachSignals();
    }
  }

  private attachSignals(): () => void {
    const handlers = (['SIGINT', 'SIGTERM'] as const).map((sig) => {
      const othersHandle = process.listenerCount(sig) > 0;
      const handler = (): void => {
        void this.drop()
          .catch((err: unknown) =>
            process.stderr.write(`opsgate: could not drop ${this.name}: ${(err as Error).message}\n`),
          )
          .finally(() => {
            if (!othersHandle) process.kill(process.pid, sig);
          });
      };
      process.once(sig, handler);
      return [sig, handler] as const;
    });
    return () => {
      for (const [sig, handler] of handlers) process.removeListener(sig, handler);
    };
  }
}

/** Scratch databases left on a server (by a machine that died mid-drill), for reports and tests. */
export async function listScratchDatabases(serverUrl: string): Promise<string[]> {
  return withClient(serverUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'opsgate\\_drill\\_%' ORDER BY 1",
    );
    return rows.map((r) => r.datname);
  });
}
