import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgCluster, type PgCluster } from '../../scripts/lib/pg-cluster.js';
import { databaseUp } from '../checks/fault/fault-helpers.js';

const root = path.resolve(import.meta.dirname, '../..');

/** The demo fault scenario's inject and recover, exactly as opsgate.demo.yml runs them. */
function script(command: string, dataDir: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      'node',
      ['--import', 'tsx', 'scripts/postgres.ts', command, '--data-dir', dataDir],
      { cwd: root, timeout: 90_000 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, output: stdout + stderr }),
    );
  });
}

describe('scripts/postgres.ts down|up (the demo drill inject and recover)', () => {
  // A cluster of its own: stopping the shared test cluster would break every other test file.
  const dataDir = path.join('.opsgate', `script-pg-${randomBytes(4).toString('hex')}`);
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster({ dataDir: path.join(root, dataDir) });
  });
  afterAll(async () => {
    await cluster?.stop().catch(() => undefined);
    await rm(path.join(root, dataDir), { recursive: true, force: true });
  });

  it('down stops a running cluster and fails on a stopped one; up brings it back on the same port', async () => {
    const down = await script('down', dataDir);
    expect(down.code, down.output).toBe(0);
    expect(await databaseUp(cluster.url())).toBe(false);
    // An inject that breaks nothing must not pass as one.
    const again = await script('down', dataDir);
    expect(again.code, again.output).toBe(3);
    expect(again.output).toContain('no running opsgate cluster');
    const up = await script('up', dataDir);
    expect(up.code, up.output).toBe(0);
    expect(up.output).toContain(`127.0.0.1:${cluster.port}`);
    // The old URL (the demo target's pool) works again; the password never reaches the output.
    expect(await databaseUp(cluster.url())).toBe(true);
    expect(down.output + up.output).not.toContain(cluster.password);
    // Recover after a failed inject is harmless: up on a running cluster leaves it running.
    expect((await script('up', dataDir)).code).toBe(0);
  });

  it('refuses unknown commands and a dir that holds no cluster', async () => {
    expect((await script('restart', dataDir)).code).toBe(2);
    const none = await script('up', path.join('.opsgate', 'no-such-cluster'));
    expect(none.code).toBe(3);
    expect(none.output).toContain('no opsgate cluster with a known port');
  });
});
