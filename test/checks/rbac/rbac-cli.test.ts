import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DEMO_PASSWORD, startTestDemo, cleanupAfterEach } from '../../support/demo.js';
import { runCli } from '../../support/run-cli.js';
import { demoConfig, type RawConfig } from '../demo-check-context.js';

const cleanups = cleanupAfterEach();

/** Write the config with its `${DEMO_USER_PASSWORD}` references intact, as a user would. */
async function writeConfig(raw: RawConfig): Promise<{ file: string; out: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-rbac-cli-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'opsgate.yml');
  await writeFile(file, stringify(raw));
  return { file, out: path.join(dir, 'out') };
}

const env = { DEMO_USER_PASSWORD: DEMO_PASSWORD };

describe('opsgate rbac / abuse on the command line', () => {
  it('exits 1 when a cell is bypassed, names it, and never prints the password', async () => {
    const d = await startTestDemo({ flaws: ['viewer-can-delete'], rateLimit: 10_000 });
    cleanups.push(d.stopAll);
    const { file, out } = await writeConfig(
      await demoConfig(d.url, ['rbac', 'abuse'], { 'allow-destructive': true }),
    );
    const r = await runCli(['rbac', '--config', file, '--out', out], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('viewer DELETE /api/companies/{doomed-company} answered 204 (expected 403)');
    const report = await readFile(path.join(out, 'report.md'), 'utf8');
    expect(report).toContain('viewer DELETE /api/companies/{doomed-company}');
    for (const text of [r.stdout, r.stderr, report]) expect(text).not.toContain(DEMO_PASSWORD);
  });

  it('exits 2 with the line of a bad expectation, and 3 when the target is unreachable', async () => {
    const raw = await demoConfig('http://127.0.0.1:9', ['rbac']);
    const bad = structuredClone(raw);
    (bad.rbac!.matrix as Array<Record<string, unknown>>)[0]!.expect = { viewer: 'forbidden' };
    const badFile = await writeConfig(bad);
    const r2 = await runCli(['rbac', '--config', badFile.file, '--out', badFile.out], env);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(
      /opsgate\.yml:\d+ rbac\.matrix\[0\]\.expect\.viewer: expected an HTTP status \(100-599\).*got "forbidden"/,
    );
    expect(r2.stderr).not.toMatch(/\n\s+at /);

    const down = await writeConfig(raw);
    const r3 = await runCli(['rbac', '--config', down.file, '--out', down.out], env);
    expect(r3.code).toBe(3);
    expect(r3.stderr).toContain('target unreachable: tried');
    expect(r3.stderr).toContain('127.0.0.1:9');
  });
});
