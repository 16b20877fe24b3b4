import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { Evidence, Threshold } from '../../../src/core/evidence/model.js';
import { toolConnection } from '../../../src/engines/postgres/connection.js';
import { findPgBinDir, pgTool } from '../../../src/engines/postgres/pg-binaries.js';
import { freshDemoDatabase, pgUrl } from '../../support/demo.js';
import { restoreProject, runRestore } from './restore-helpers.js';

/**
 * RPO measured for real: a backup pg_dump wrote, aged with utimes, restored by the drill. The age
 * at drill time is the RPO actually achieved; the threshold and the DR runbook must both say it.
 */

const execFileAsync = promisify(execFile);
const MIN = 60_000;
const HOUR = 60 * MIN;

let source: { url: string; drop(): Promise<void> };
/** One real custom-format dump of the demo database, copied wherever a test needs a backup. */
let dump: string;
const dirs: string[] = [];

beforeAll(async () => {
  source = await freshDemoDatabase();
  const work = await mkdtemp(path.join(os.tmpdir(), 'opsgate-rpo-'));
  dirs.push(work);
  dump = path.join(work, 'demo.dump');
  const conn = toolConnection(source.url);
  await execFileAsync(pgTool(await findPgBinDir(), 'pg_dump'), ['-Fc', '-f', dump, '-d', conn.dbname], {
    env: conn.env,
  });
  process.env.RESTORE_TEST_SCRATCH_URL = pgUrl();
});
afterAll(async () => {
  await source?.drop();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** A copy of the dump at `rel` (under the project) whose modification time is `ageMs` ago. */
async function backupAged(dir: string, rel: string, ageMs: number): Promise<string> {
  const file = path.join(dir, rel);
  await mkdir(path.dirname(file), { recursive: true });
  await copyFile(dump, file);
  const at = new Date(Date.now() - ageMs);
  await utimes(file, at, at);
  return file;
}

function project(backupYaml: string, rpo: string) {
  return restoreProject(`
${backupYaml}
scratch: { url: '\${RESTORE_TEST_SCRATCH_URL}' }
rpo: ${rpo}`);
}

const rpoOf = (e: Evidence): Threshold => e.thresholds.find((t) => t.name === 'backup age (RPO)')!;

/** The DR runbook's "RPO (backup age at drill time)" cell, rendered from that drill's evidence. */
async function runbookRpo(p: { config: string; out: string }): Promise<string> {
  expect(await main(['runbooks', '--config', p.config, '--out', p.out, '--only', 'disaster-recovery'])).toBe(
    0,
  );
  const text = await readFile(path.join(p.out, 'runbooks', 'disaster-recovery.md'), 'utf8');
  return /^\| RPO \(backup age at drill time\) \| (.*?) \| `data\.backupAgeMs` \|$/m.exec(text)?.[1] ?? '';
}

/** `actual` is the age at drill start: at least what was set, plus the seconds the test took. */
function expectAge(t: Threshold, ageMs: number): void {
  expect(t.actual).toBeGreaterThanOrEqual(ageMs);
  expect(t.actual).toBeLessThan(ageMs + MIN);
}

describe('RPO measured from the age of a real backup', () => {
  it('kind path, one file: its age is the RPO, a pass under the target and a fail over it', async () => {
    const p = await project('backup: { kind: path, path: nightly/app.dump }', '2h');
    dirs.push(p.dir);
    await backupAged(p.dir, 'nightly/app.dump', 90 * MIN);
    const under = await runRestore(p);
    expect(under.code, under.evidence.summary).toBe(0);
    expect(rpoOf(under.evidence)).toMatchObject({ limit: 2 * HOUR, ok: true, unit: 'ms' });
    expect(rpoOf(under.evidence).skipped).toBeUndefined();
    expectAge(rpoOf(under.evidence), 90 * MIN);
    expect(rpoOf(under.evidence).detail).toMatch(/^app\.dump taken .* \(file modification time\)$/);
    expect(under.evidence.metrics.backupAgeMs).toBe(rpoOf(under.evidence).actual);
    expect(await runbookRpo(p)).toBe('1 h 30 min');

    // The same backup five hours old: over the 2 h target, the gate fails on it.
    await backupAged(p.dir, 'nightly/app.dump', 5 * HOUR);
    const over = await runRestore(p);
    expect(over.code).toBe(1);
    expect(over.evidence.verdict).toBe('fail');
    expect(rpoOf(over.evidence)).toMatchObject({ ok: false, limit: 2 * HOUR });
    expectAge(rpoOf(over.evidence), 5 * HOUR);
    expect(await runbookRpo(p)).toBe('5 h');
  });

  it('kind path, a glob: the newest match is restored and its age measured', async () => {
    const p = await project('backup: { kind: path, path: backups/app-*.dump }', '45m');
    dirs.push(p.dir);
    await backupAged(p.dir, 'backups/app-2026-01-01.dump', 3 * 24 * HOUR);
    await backupAged(p.dir, 'backups/app-2026-01-04.dump', 20 * MIN);
    const under = await runRestore(p);
    expect(under.code, under.evidence.summary).toBe(0);
    expect((under.evidence.data as { backup: { file: string } }).backup.file).toBe('app-2026-01-04.dump');
    expectAge(rpoOf(under.evidence), 20 * MIN);
    expect(rpoOf(under.evidence).ok).toBe(true);
    expect(await runbookRpo(p)).toMatch(/^20 min( \d+ s)?$/);

    // The nightly job stopped: the newest backup is now the three-day-old one.
    await rm(path.join(p.dir, 'backups/app-2026-01-04.dump'));
    const over = await runRestore(p);
    expect(over.code).toBe(1);
    expect((over.evidence.data as { backup: { file: string } }).backup.file).toBe('app-2026-01-01.dump');
    expectAge(rpoOf(over.evidence), 3 * 24 * HOUR);
    expect(rpoOf(over.evidence).ok).toBe(false);
    expect(await runbookRpo(p)).toBe('3.0 days');
  });

  it('kind command: a fetch that keeps the backup time measures it, one that stamps the fetch time does not', async () => {
    // The command runs in the directory of opsgate.yml: a relative path names the project's files.
    const kept = await project(`backup: { kind: command, run: 'cp -p remote/app.dump {path}' }`, '2h');
    dirs.push(kept.dir);
    await backupAged(kept.dir, 'remote/app.dump', 3 * HOUR);
    expect(path.resolve(kept.dir)).not.toBe(process.cwd());
    const measured = await runRestore(kept);
    expect(measured.code).toBe(1);
    expect(rpoOf(measured.evidence)).toMatchObject({ ok: false });
    expectAge(rpoOf(measured.evidence), 3 * HOUR);
    expect(await runbookRpo(kept)).toBe('3 h');

    const stamped = await project(`backup: { kind: command, run: 'cp remote/app.dump {path}' }`, '2h');
    dirs.push(stamped.dir);
    await backupAged(stamped.dir, 'remote/app.dump', 3 * HOUR);
    const fetched = await runRestore(stamped);
    expect(fetched.code).toBe(0);
    expect(rpoOf(fetched.evidence)).toMatchObject({ ok: true, actual: null });
    expect(rpoOf(fetched.evidence).skipped).toMatch(/^not measured: the fetched file carries the fetch time/);
    expect(await runbookRpo(stamped)).toMatch(/^not measured: the fetched file carries the fetch time/);
  });

  it('kind pg-dump: a fresh dump is 0 old by construction, so the RPO is "not measured"', async () => {
    process.env.RESTORE_TEST_SOURCE_URL = source.url;
    const p = await project(
      `backup: { kind: pg-dump, url: '\${RESTORE_TEST_SOURCE_URL}', dir: backups }`,
      '1m',
    );
    dirs.push(p.dir);
    const { code, evidence } = await runRestore(p);
    expect(code).toBe(0);
    expect(rpoOf(evidence)).toMatchObject({ ok: true, actual: null });
    expect(evidence.metrics.backupAgeMs).toBeUndefined();
    expect(await runbookRpo(p)).toMatch(/^not measured: the drill took a fresh pg_dump/);
  });
});
