import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, inject } from 'vitest';
import {
  DEFAULT_USER_PASSWORD,
  startDemoTarget,
  type DemoTarget,
  type DemoTargetOptions,
} from '../../examples/demo-target/src/server.js';
import { TEMPLATE_DATABASE, TEST_DATABASE_PREFIX } from './test-databases.js';

/** Superuser URL (database `postgres`) of the private test cluster started by global-setup. */
export function pgUrl(): string {
  return inject('pgUrl');
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A private copy of the seeded demo database, so tests that write never see each other. */
export async function freshDemoDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${TEST_DATABASE_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`);
  return {
    url: withDatabase(pgUrl(), name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export type TestDemo = DemoTarget & { databaseUrl: string; requestLogPath: string; stopAll(): Promise<void> };

/** A fresh database plus a demo target on a free port, logging requests to a temp file. */
export async function startTestDemo(
  opts: Partial<DemoTargetOptions> & { flaws?: string[] } = {},
): Promise<TestDemo> {
  const db = await freshDemoDatabase();
  const logDir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-demo-'));
  const requestLogPath = opts.requestLogPath ?? path.join(logDir, 'requests.jsonl');
  let target: DemoTarget;
  try {
    target = await startDemoTarget({ ...opts, databaseUrl: db.url, port: opts.port ?? 0, requestLogPath });
  } catch (err) {
    await db.drop();
    await rm(logDir, { recursive: true, force: true });
    throw err;
  }
  return {
    ...target,
    databaseUrl: db.url,
    requestLogPath,
    stopAll: async () => {
      await target.close();
      await db.drop();
      await rm(logDir, { recursive: true, force: true });
    },
  };
}

export const DEMO_PASSWORD = DEFAULT_USER_PASSWORD;

/** Logs in a seeded user and returns the bearer token; throws on anything but 200. */
export async function loginAs(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${email} answered ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** Small fetch wrapper for JSON APIs with an optional bearer token. */
export async function api(
  baseUrl: string,
  method: string,
  route: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(`${baseUrl}${route}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
}

/** The request log as parsed JSON lines. */
export async function readRequestLog(
  file: string,
): Promise<
  Array<{ ts: string; method: string; path: string; status: number; role: string | null; ms: number }>
> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as never);
}

/** Cleanups registered during a test, run in reverse order after it, also when it failed. */
export function cleanupAfterEach(): { push(cleanup: () => Promise<void>): void } {
  const pending: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of pending.splice(0).reverse()) await c();
  });
  return { push: (cleanup) => void pending.push(cleanup) };
}
