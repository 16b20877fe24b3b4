import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressHeartbeat } from '../../src/checks/progress.js';
import packageJson from '../../package.json' with { type: 'json' };
import { startTestDemo, type TestDemo } from '../support/demo.js';
import { runCli } from '../support/run-cli.js';

const configFor = (checks: string) => `
target: { base-url: '\${OPSGATE_TARGET_URL}', allow-hosts: [127.0.0.1] }
gate: { required: [headers, rbac, restore] }
${checks}`;
const headers = 'headers: { paths: [/] }\n';
const rbac = 'rbac: { matrix: [{ path: /api/me, expect: { anonymous: 401 } }] }\n';

describe('a single-check command reports its own check of this run only', () => {
  let a: TestDemo;
  let b: TestDemo;
  let dir: string;
  beforeAll(async () => {
    [a, b] = await Promise.all([startTestDemo(), startTestDemo()]);
    dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-single-'));
  });
  afterAll(async () => {
    await Promise.all([a?.stopAll(), b?.stopAll()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('`opsgate headers` after an rbac run of another target: report, JUnit and exit code are its own', async () => {
    const file = path.join(dir, 'opsgate.yml');
    const out = path.join(dir, 'out');
    await writeFile(file, configFor(headers + rbac));
    const first = await runCli(['rbac', '--config', file, '--out', out], { OPSGATE_TARGET_URL: a.url });
    expect(first.code, first.stderr).toBe(0);
    expect(await readFile(path.join(out, 'report.md'), 'utf8')).toContain(a.url);

    const r = await runCli(['headers', '--config', file, '--out', out], { OPSGATE_TARGET_URL: b.url });
    expect([0, 1], r.stderr).toContain(r.code);
    // gate.required names checks this command did not run: they do not fail it.
    expect(r.stdout).not.toContain('no evidence');
    expect(r.stdout).toContain(r.code === 0 ? 'gate: passed' : 'gate: FAILED');
    const report = await readFile(path.join(out, 'report.md'), 'utf8');
    const junit = await readFile(path.join(out, 'junit.xml'), 'utf8');
    expect(report).toContain(b.url);
    expect(junit).toContain('headers');
    for (const text of [report, junit]) {
      expect(text).not.toContain(a.url.replace('http://', ''));
      expect(text).not.toMatch(/\brbac\b|restore/);
    }
    // The gate combines every evidence file on purpose, and still enforces gate.required.
    const gate = await runCli(['gate', '--config', file, '--out', out]);
    expect(gate.code).toBe(1);
    expect(gate.stdout).toMatch(/rbac[\s\S]*restore +fail +no evidence/);
  });

  it('a drill with none of its checks configured is a usage error with the next step', async () => {
    const file = path.join(dir, 'empty.yml');
    await writeFile(file, configFor(''));
    const r = await runCli(['drill', '--config', file, '--out', path.join(dir, 'empty-out')], {
      OPSGATE_TARGET_URL: a.url,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("none of the drill's checks");
    expect(r.stderr).toContain('headers: { paths: [/] }');
  });
});

describe('CLI polish', () => {
  it('--version prints the package version; every subcommand help shows the global options', async () => {
    const v = await runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(packageJson.version);
    for (const cmd of ['headers', 'gate']) {
      const h = await runCli([cmd, '--help']);
      expect(h.code).toBe(0);
      expect(h.stdout).toContain('-c, --config <file>');
      expect(h.stdout).toContain('-o, --out <dir>');
    }
    expect((await runCli(['headers', '--no-such-flag'])).code).toBe(2);
    const flaw = await runCli(['demo', '--flaws', 'bogus']);
    expect(flaw.code).toBe(2);
    expect(flaw.stderr).toContain('unknown demo flaw(s): bogus; valid flaws: missing-headers');
  });

  it('a phase that logs nothing gets a line with the elapsed time at least every interval', async () => {
    const lines: { at: number; text: string }[] = [];
    const start = Date.now();
    const hb = progressHeartbeat((text) => lines.push({ at: Date.now() - start, text }), 'restore', 300);
    hb.log('pg_restore -j 2 …');
    await new Promise((r) => setTimeout(r, 1000));
    hb.stop();
    const beats = lines.slice(1);
    expect(beats.length).toBeGreaterThanOrEqual(3);
    for (const b of beats) expect(b.text).toMatch(/^restore: \d+ ms elapsed — pg_restore -j 2 …$/);
    const gaps = lines.slice(1).map((l, i) => l.at - lines[i]!.at);
    for (const g of gaps) expect(g).toBeLessThanOrEqual(300 + 40);
  });
});
