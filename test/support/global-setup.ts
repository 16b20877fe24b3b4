import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { setupDemoDatabase } from '../../examples/demo-target/src/server.js';
import { ensureArtillery } from '../../scripts/lib/ensure-artillery.js';
import { ensureGoTools } from '../../scripts/lib/ensure-tools.js';
import { startPgCluster } from '../../scripts/lib/pg-cluster.js';
import { TEMPLATE_DATABASE, TEST_DATABASE_PREFIX } from './test-databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL (database `postgres`) of the private test cluster. */
    pgUrl: string;
  }
}

async function prepareTemplate(adminUrl: string, templateUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2 || '%'",
      [TEMPLATE_DATABASE, TEST_DATABASE_PREFIX],
    );
    for (const { datname } of rows) {
      await admin.query(`ALTER DATABASE "${datname}" WITH IS_TEMPLATE false`);
      await admin.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
    await setupDemoDatabase(templateUrl);
    await admin.query(`ALTER DATABASE "${TEMPLATE_DATABASE}" WITH IS_TEMPLATE true`);
  } finally {
    await admin.end();
  }
}

/** One message, not a stack trace and a pile of failing tests. */
function cannotRun(err: Error): never {
  process.stderr.write(`\nnpm test cannot run: ${err.message}\n\n`);
  process.exit(1);
}

/**
 * The Go-built tools and Artillery, then one private PostgreSQL cluster for the whole run
 * (stopped on teardown).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // k6 and actionlint: found, installed with Go, or one message saying what to install.
  const binDir = await ensureGoTools().then((r) => r.binDir, cannotRun);
  process.env.PATH = [binDir, process.env.PATH].filter(Boolean).join(path.delimiter);
  // Artillery (live load.from test): $ARTILLERY_BIN, or the pin in scripts/artillery-pin, installed
  // with npm when missing. Test files inherit the variable.
  process.env.ARTILLERY_BIN = await ensureArtillery().then((r) => r.bin, cannotRun);
  // Tests simulate runner environments explicitly; a CI run of the suite must not be judged as one.
  delete process.env.GITHUB_ACTIONS;
  const cluster = await startPgCluster({ dataDir: '.opsgate/test-pg' });
  try {
    await prepareTemplate(cluster.url(), cluster.url(TEMPLATE_DATABASE));
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  project.provide('pgUrl', cluster.url());
  return () => cluster.stop();
}
