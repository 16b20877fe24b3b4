import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { toolConnection, withDatabase } from '../../../src/engines/postgres/connection.js';
import { toolProcessesFor } from '../../../src/engines/postgres/leftover-tools.js';
import { findPgBinDir, pgTool } from '../../../src/engines/postgres/pg-binaries.js';
import { processStartedAt, type OwnerTag } from '../../../src/engines/postgres/run-owner.js';
import { ScratchDatabase, scratchDatabaseName } from '../../../src/engines/postgres/scratch-database.js';
import { sweepDeadScratch } from '../../../src/engines/postgres/scratch-sweep.js';
import { pgUrl } from '../../support/demo.js';
import { databaseExists, dedicatedScratchRole, eventually, sql } from './restore-helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const HOUR = 3_600_000;

/** A drill database as some other drill would have left it: created by the role, tagged `comment`. */
async function leftBehind(serverUrl: string, comment: string | null, now = new Date()): Promise<string> {
  const name = scratchDatabaseName(now);
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name} TEMPLATE template0`);
    if (comment !== null) await c.query(`COMMENT ON DATABASE ${name} IS ${c.escapeLiteral(comment)}`);
  } finally {
    await c.end();
  }
  return name;
}

function tag(over: Partial<OwnerTag>): string {
  return JSON.stringify({
    opsgate: 'scratch-database',
    host: os.hostname(),
    pid: 1,
    user: 'ci',
    startedAt: new Date().toISOString(),
    ...over,
  });
}

function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  return r.pid!;
}

describe('sweeping the scratch databases of dead drills', () => {
  it('drops dead and stale ones, keeps live ones, other roles’ and its own, and stops a leftover tool', async () => {
    const server = await dedicatedScratchRole(pgUrl());
    cleanups.push(server.drop);
    const parentStart = await processStartedAt(process.ppid);
    expect(parentStart).toBeTruthy();

    const deadHere = await leftBehind(server.url, tag({ pid: deadPid() }));
    const reusedPid = await leftBehind(
      server.url,
      tag({ pid: process.ppid, pidStartedAt: 'Thu Jan  1 00:00:00 1970' }),
    );
    const liveHere = await leftBehind(server.url, tag({ pid: process.ppid, pidStartedAt: parentStart! }));
    const oldElsewhere = await leftBehind(
      server.url,
      tag({ host: 'runner-7', pid: 4242, startedAt: new Date(Date.now() - 30 * HOUR).toISOString() }),
    );
    const recentElsewhere = await leftBehind(server.url, tag({ host: 'runner-7', pid: 4243 }));
    const oldUntagged = await leftBehind(server.url, null, new Date(Date.now() - 30 * HOUR));
    const recentUntagged = await leftBehind(server.url, 'not json {');
    const own = await ScratchDatabase.create(server.url);
    cleanups.push(() => own.drop());
    // A dead drill's database owned by another role: not this drill's to sweep.
    const otherRole = await leftBehind(pgUrl(), tag({ pid: deadPid() }));
    cleanups.push(() => sql(pgUrl(), `DROP DATABASE IF EXISTS ${otherRole}`).then(() => undefined));

    // A psql of the dead drill still connected and busy in its database.
    const conn = toolConnection(withDatabase(server.url, deadHere));
    const psql = spawn(
      pgTool(await findPgBinDir(), 'psql'),
      ['-X', '-q', '-d', conn.dbname, '-c', 'SELECT pg_sleep(60)'],
      { env: conn.env, stdio: 'ignore' },
    );
    const psqlExit = new Promise<NodeJS.Signals | null>((r) => psql.on('close', (_c, sig) => r(sig)));
    expect(
      await eventually(
        async () =>
          (await sql(pgUrl(), `SELECT 1 FROM pg_stat_activity WHERE datname = '${deadHere}'`)).length > 0,
        10_000,
      ),
    ).toBe(true);
    expect(await toolProcessesFor(deadHere)).toEqual([psql.pid]);

    const result = await sweepDeadScratch(server.url, { staleAfterMs: 24 * HOUR });

    const swept = Object.fromEntries(result.swept.map((s) => [s.name, s]));
    expect(Object.keys(swept).sort()).toEqual([deadHere, oldElsewhere, oldUntagged, reusedPid].sort());
    expect(swept[deadHere]).toMatchObject({
      stoppedProcesses: 1,
      reason: expect.stringMatching(/not running$/),
    });
    expect(swept[deadHere]!.sizeBytes).toBeGreaterThan(1_000_000);
    expect(swept[reusedPid]!.reason).toContain('is now another process');
    expect(swept[oldElsewhere]!.reason).toMatch(/^started 30\.0 h ago on runner-7 \(pid 4242\)/);
    expect(swept[oldUntagged]!.reason).toMatch(/^untagged, created 30\.0 h ago/);
    expect(result.kept.sort()).toEqual([liveHere, recentElsewhere, recentUntagged, own.name].sort());
    expect(result.failed).toEqual([]);
    expect(await psqlExit).toBe('SIGTERM');
    for (const name of Object.keys(swept)) expect(await databaseExists(pgUrl(), name)).toBe(false);
    for (const name of [...result.kept, otherRole]) expect(await databaseExists(pgUrl(), name)).toBe(true);
  });
});
