import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { findPgBinDir, pgTool } from '../../src/engines/postgres/pg-binaries.js';
import { pgClusterStatus, stopPgCluster } from '../../scripts/lib/pg-cluster.js';
import { pgUrl } from '../support/demo.js';

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL binaries', () => {
  it('finds one directory holding every tool opsgate drives', async () => {
    const dir = await findPgBinDir();
    expect(path.isAbsolute(dir)).toBe(true);
    expect(pgTool(dir, 'pg_restore')).toBe(path.join(dir, 'pg_restore'));
  });
});

describe('private cluster', () => {
  it('listens on loopback only, with its socket inside the data dir', async () => {
    const [listen] = await query<{ listen_addresses: string }>(pgUrl(), 'SHOW listen_addresses');
    expect(listen?.listen_addresses).toBe('127.0.0.1');
    const [socket] = await query<{ unix_socket_directories: string }>(
      pgUrl(),
      'SHOW unix_socket_directories',
    );
    expect(socket?.unix_socket_directories).toBe(path.resolve('.opsgate/test-pg'));
  });

  it('requires the generated password', async () => {
    const url = new URL(pgUrl());
    url.password = 'not-the-password';
    await expect(query(url.toString(), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
  });

  it('reports a running cluster and treats stopping an absent one as done', async () => {
    const status = await pgClusterStatus('.opsgate/test-pg');
    expect(status?.url()).toBe(pgUrl());
    const empty = await mkdtemp(path.join(os.tmpdir(), 'opsgate-no-cluster-'));
    try {
      expect(await pgClusterStatus(empty)).toBeUndefined();
      await expect(stopPgCluster(empty)).resolves.toBeUndefined();
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
