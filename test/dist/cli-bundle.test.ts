import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/build.js';

const run = promisify(execFile);
const bin = path.join(repoRoot, 'dist', 'opsgate.js');

async function opsgate(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('bundled CLI (dist/opsgate.js)', () => {
  it('is an executable ESM bundle with a shebang', async () => {
    expect((await readFile(bin, 'utf8')).split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('runs init and validate with the CLI exit codes', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-bundle-'));
    try {
      expect((await opsgate(['init', '--dir', dir])).code).toBe(0);
      const ok = await opsgate(['validate', '--config', path.join(dir, 'opsgate.yml')], {
        OPSGATE_TARGET_URL: 'https://staging.example.com',
      });
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toContain('valid');
      const missingEnv = await opsgate(['validate', '--config', path.join(dir, 'opsgate.yml')], {
        OPSGATE_TARGET_URL: '',
      });
      expect(missingEnv.code).toBe(2);
      expect((await opsgate(['validate', '--config', path.join(dir, 'nope.yml')])).code).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
