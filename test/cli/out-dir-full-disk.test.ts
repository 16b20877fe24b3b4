/**
 * Out dir faults on real filesystems: a read-only mount and a nearly full small tmpfs (mounted
 * for the test; skipped, with the reason, where mounting is not permitted). Writes stay atomic
 * (the previous report intact, no 0-byte file, no .tmp left), the message names the file, and a
 * drill-log line exists only when its evidence reached the disk.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { FsEvidenceStore } from '../../src/core/store/fs-evidence-store.js';
import { freshDemoDatabase, pgUrl } from '../support/demo.js';
import { runCli } from '../support/run-cli.js';

interface Mount {
  dir: string;
  unmount(): void;
}

/** Mount a tmpfs (root only); undefined, with why, where the kernel refuses. */
function mountTmpfs(options: string): Mount | string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opsgate-mnt-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return `cannot mount a tmpfs here: ${(err as { stderr?: Buffer }).stderr?.toString().trim() ?? String(err)}`;
  }
  return {
    dir,
    unmount: () => {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fill a filesystem until ENOSPC, then free `freeBytes` (a slack file written first). */
function fill(dir: string, freeBytes: number): void {
  writeFileSync(path.join(dir, 'slack'), Buffer.alloc(freeBytes, 1));
  const chunk = Buffer.alloc(4096, 1);
  for (let i = 0; ; i++) {
    try {
      writeFileSync(path.join(dir, `filler-${i}`), chunk);
    } catch {
      break;
    }
  }
  rmSync(path.join(dir, 'slack'));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => path.join(f.parentPath, f.name));
}

let received = 0;
let server: http.Server;
let url: string;
const mounts: Mount[] = [];
const probe = mountTmpfs('size=64k');
const skipReason = typeof probe === 'string' ? probe : undefined;
if (typeof probe !== 'string') probe.unmount();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    received++;
    res.writeHead(200, { 'content-type': 'text/html', 'x-frame-options': 'DENY' }).end('<p>ok</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const m of mounts) m.unmount();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function headersConfig(dir: string): string {
  const file = path.join(dir, 'opsgate.yml');
  const pages = Array.from({ length: 40 }, (_, i) => `/page-${i}`).join(', ');
  writeFileSync(file, `target:\n  base-url: ${url}\nheaders:\n  paths: [${pages}]\n`);
  return file;
}

async function quietMain(args: string[]): Promise<{ code: number; stderr: string; ms: number }> {
  const errors: string[] = [];
  const original = { error: console.error, log: console.log };
  console.error = (...p: unknown[]) => errors.push(p.join(' '));
  console.log = () => undefined;
  const t0 = Date.now();
  try {
    return { code: await main(args), stderr: errors.join('\n'), ms: Date.now() - t0 };
  } finally {
    Object.assign(console, original);
  }
}

describe.skipIf(skipReason)(
  `out dir on real filesystems${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    it('a read-only out dir: exit 2 naming it, before any request', async () => {
      const m = mountTmpfs('ro,size=64k') as Mount;
      mounts.push(m);
      const work = mkdtempSync(path.join(os.tmpdir(), 'opsgate-ro-'));
      const before = received;
      const t0 = Date.now();
      const r = await runCli(['headers', '--config', headersConfig(work), '--out', m.dir]);
      // The bound includes CLI start-up on a loaded runner.
      expect(Date.now() - t0).toBeLessThan(8000);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`out dir ${m.dir} is not writable (EROFS)`);
      expect(received).toBe(before);
    });

    it('a full small tmpfs: exit within 5 s naming the file; the previous report stays; no .tmp, no 0-byte file', async () => {
      const m = mountTmpfs('size=1m') as Mount;
      mounts.push(m);
      const work = mkdtempSync(path.join(os.tmpdir(), 'opsgate-full-'));
      const config = headersConfig(work);
      const out = path.join(m.dir, 'out');
      const first = await quietMain(['--config', config, '--out', out, 'headers']);
      expect(first.code, first.stderr).toBe(1);
      const report = readFileSync(path.join(out, 'report.md'), 'utf8');
      expect(report.length).toBeGreaterThan(100);

      fill(m.dir, 4096);
      const second = await quietMain(['--config', config, '--out', out, 'headers']);
      expect(second.ms).toBeLessThan(5000);
      expect(second.code).toBe(3);
      expect(second.stderr).toMatch(new RegExp(`cannot write ${out}/\\S+: ENOSPC`));
      expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toBe(report);
      const files = filesUnder(out);
      expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(files.filter((f) => statSync(f).size === 0)).toEqual([]);
    });

    it('a restore drill whose evidence cannot be written appends no drill-log line', async () => {
      const m = mountTmpfs('size=256k') as Mount;
      mounts.push(m);
      const db = await freshDemoDatabase();
      try {
        const work = mkdtempSync(path.join(os.tmpdir(), 'opsgate-full-restore-'));
        const config = path.join(work, 'opsgate.yml');
        // Enough assertions that the evidence needs more than the one free page the write probe uses.
        const assertions = Array.from(
          { length: 40 },
          (_, i) =>
            `      - { name: assertion ${i} holds, sql: SELECT ${i}, expect: { op: '>=', value: 0 } }`,
        ).join('\n');
        writeFileSync(
          config,
          `target:\n  base-url: http://127.0.0.1:9\nstore:\n  dir: store\nrestore:\n  backup: { kind: pg-dump, url: '${db.url}', dir: backups }\n  scratch: { url: '${pgUrl()}' }\n  verify:\n    row-counts: { tables: all, compare-with: recorded }\n    assertions:\n${assertions}\n`,
        );
        fill(m.dir, 4096);
        const out = path.join(m.dir, 'out');
        const r = await quietMain(['--config', config, '--out', out, 'restore']);
        expect(r.code, r.stderr).toBe(3);
        expect(r.stderr).toMatch(new RegExp(`cannot write ${out}/evidence/restore\\.json: ENOSPC`));
        expect(await new FsEvidenceStore(path.join(work, 'store')).readRecords('drill-log')).toEqual([]);
        expect(filesUnder(m.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      } finally {
        await db.drop();
      }
    }, 120_000);
  },
);
