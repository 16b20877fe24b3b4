import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parse, stringify } from 'yaml';
import type { CheckContext } from '../../src/checks/check.js';
import { parseConfigText } from '../../src/core/config/load-config.js';
import { FsEvidenceStore } from '../../src/core/store/fs-evidence-store.js';
import { DEMO_PASSWORD } from '../support/demo.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../../examples/demo-target');

/** A config document as plain data: sections of the demo config plus a target section. */
export type RawConfig = Record<string, unknown> & {
  target: Record<string, unknown>;
  identities: Record<string, unknown>;
  rbac?: Record<string, unknown>;
  abuse?: Record<string, unknown>;
};

/** Sections of the shipped demo config (what `npm run demo` runs), with its identities, aimed at a target. */
export async function demoConfig(
  url: string,
  sections: Array<'rbac' | 'abuse' | 'headers'>,
  target: Record<string, unknown> = {},
  file: 'opsgate.demo.yml' | 'opsgate.strict.yml' = 'opsgate.demo.yml',
): Promise<RawConfig> {
  const demo = parse(await readFile(path.join(EXAMPLES, file), 'utf8')) as RawConfig;
  const raw: RawConfig = {
    version: 1,
    // As the shipped demo config: the host is allow-listed, so allow-destructive alone decides.
    target: { 'base-url': url, 'allow-hosts': ['127.0.0.1'], ...target },
    identities: { ...demo.identities },
  };
  for (const s of sections) (raw as Record<string, unknown>)[s] = demo[s];
  return raw;
}

/** A real CheckContext: config validated by the real loader, a store and out dir in a temp directory. */
export async function demoContext(
  raw: RawConfig,
  opts: { signal?: AbortSignal; dir?: string } = {},
): Promise<CheckContext & { dir: string; cleanup(): Promise<void>; logs: string[] }> {
  const dir = opts.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'opsgate-check-')));
  const config = parseConfigText(stringify(raw), 'opsgate.yml', { DEMO_USER_PASSWORD: DEMO_PASSWORD });
  const logs: string[] = [];
  return {
    config,
    configDir: dir,
    outDir: path.join(dir, 'out'),
    store: new FsEvidenceStore(path.join(dir, 'store')),
    log: (m) => logs.push(m),
    signal: opts.signal ?? new AbortController().signal,
    options: {},
    dir,
    logs,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Rows the probes created (their names and tenants start with `opsgate-probe`) still in the database. */
export async function probeRowsLeft(databaseUrl: string): Promise<{ companies: number; leases: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ companies: number; leases: number }>(
      `SELECT (SELECT count(*)::int FROM companies WHERE name LIKE 'opsgate-probe%') AS companies,
              (SELECT count(*)::int FROM leases WHERE tenant LIKE 'opsgate-probe%') AS leases`,
    );
    return rows[0]!;
  } finally {
    await client.end();
  }
}
