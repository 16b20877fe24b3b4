import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  assertDroppable,
  listScratchDatabases,
  ScratchDatabase,
  scratchDatabaseName,
} from '../../../src/engines/postgres/scratch-database.js';
import { pgUrl } from '../../support/demo.js';
import { databaseExists } from './restore-helpers.js';

describe('scratch databases', () => {
  it('creates a recognisable database and drops it (twice is fine)', async () => {
    const scratch = await ScratchDatabase.create(pgUrl());
    expect(scratch.name).toMatch(/^opsgate_drill_\d{8}t\d{6}_[0-9a-f]{8}$/);
    expect(await listScratchDatabases(pgUrl())).toContain(scratch.name);
    // A session left open (as a killed pg_restore leaves them) does not block the drop.
    const session = new pg.Client({ connectionString: scratch.url });
    session.on('error', () => undefined);
    await session.connect();
    await Promise.all([scratch.drop(), scratch.drop()]);
    await session.end().catch(() => undefined);
    expect(await databaseExists(pgUrl(), scratch.name)).toBe(false);
  });

  it('refuses to drop anything it did not create', () => {
    expect(() => assertDroppable('postgres')).toThrow(/not an opsgate drill database/);
    expect(() => assertDroppable('opsgate_drill_x; DROP DATABASE prod')).toThrow(
      /not an opsgate drill database/,
    );
    expect(() => assertDroppable(scratchDatabaseName())).toThrow(/not created by this drill/);
  });
});
