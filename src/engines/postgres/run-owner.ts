/**
 * Who owns a scratch database: the tag a drill writes on the database it creates (host, pid,
 * the pid's start time, user, start of the drill) and the test a later drill applies to decide
 * whether that owner is dead. On this host a pid is checked directly (with its start time, so a
 * reused pid does not keep a dead run's database alive); for other hosts only age can tell.
 */
import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Stored as JSON in `COMMENT ON DATABASE`. */
export interface OwnerTag {
  opsgate: 'scratch-database';
  host: string;
  pid: number;
  /** `ps -o lstart` of the pid when the tag was written; absent where ps is missing. */
  pidStartedAt?: string;
  user: string;
  startedAt: string;
}

/** The start time of a process as `ps` reports it, or undefined (no such process, no ps). */
export async function processStartedAt(pid: number): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' },
      timeout: 5000,
    });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The tag of a database this process creates now. */
export async function ownerTag(now = new Date()): Promise<OwnerTag> {
  const pidStartedAt = await processStartedAt(process.pid);
  return {
    opsgate: 'scratch-database',
    host: os.hostname(),
    pid: process.pid,
    ...(pidStartedAt ? { pidStartedAt } : {}),
    user: safeUser(),
    startedAt: now.toISOString(),
  };
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** A database comment as a tag, or undefined when it is not one of ours. */
export function parseOwnerTag(comment: string | null): OwnerTag | undefined {
  if (!comment) return undefined;
  try {
    const t = JSON.parse(comment) as Partial<OwnerTag>;
    if (t.opsgate !== 'scratch-database' || typeof t.host !== 'string' || !Number.isInteger(t.pid))
      return undefined;
    if (typeof t.startedAt !== 'string' || Number.isNaN(Date.parse(t.startedAt))) return undefined;
    return t as OwnerTag;
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, it is someone else's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Why the owner of a scratch database is dead, or undefined while it may still be running. */
export async function deadOwnerReason(
  tag: OwnerTag | undefined,
  createdAt: Date | undefined,
  opts: { staleAfterMs: number; now?: Date },
): Promise<string | undefined> {
  const now = (opts.now ?? new Date()).getTime();
  const hours = (ms: number): string => `${(ms / 3_600_000).toFixed(1)} h`;
  if (!tag) {
    // Untagged (an older opsgate, or a crash between CREATE and COMMENT): only age can tell.
    if (!createdAt) return undefined;
    const age = now - createdAt.getTime();
    return age > opts.staleAfterMs
      ? `untagged, created ${hours(age)} ago (sweep-after ${hours(opts.staleAfterMs)})`
      : undefined;
  }
  if (tag.host === os.hostname()) {
    if (tag.pid === process.pid) return undefined;
    if (!pidAlive(tag.pid)) return `pid ${tag.pid} on ${tag.host} is not running`;
    if (tag.pidStartedAt) {
      const started = await processStartedAt(tag.pid);
      if (started && started !== tag.pidStartedAt)
        return `pid ${tag.pid} on ${tag.host} is now another process (started ${started})`;
    }
    return undefined;
  }
  const age = now - Date.parse(tag.startedAt);
  return age > opts.staleAfterMs
    ? `started ${hours(age)} ago on ${tag.host} (pid ${tag.pid}), past sweep-after ${hours(opts.staleAfterMs)}`
    : undefined;
}
