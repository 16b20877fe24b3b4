import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEMO_PASSWORD, pgUrl, startTestDemo, type TestDemo } from '../support/demo.js';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy.js';
import { runCli } from '../support/run-cli.js';

const BYPASS = 'bypass-secret-7f3a9c2e41d8';
const root = path.resolve(import.meta.dirname, '../..');

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.join(entry.parentPath, entry.name));
  }
  return out;
}

describe('secrets never reach the out dir', () => {
  let demo: TestDemo;
  let proxy: RecordingProxy;
  beforeAll(async () => {
    demo = await startTestDemo({ rateLimitBypassToken: BYPASS, rateLimit: 100 });
    proxy = await startRecordingProxy(demo.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await demo?.stopAll();
  });

  it('keeps config secrets, captured tokens and connection-string passwords out of every file', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'opsgate-secrets-'));
    // The monthly drill without fault: its scenario stops the demo's own cluster (.opsgate/demo-pg),
    // which `npm run demo` may be using at this moment; this target runs on the shared test cluster.
    const monthly = parse(await readFile(path.join(root, 'drills/monthly.yml'), 'utf8')) as {
      checks: string[];
    };
    const drill = path.join(out, 'drill.yml');
    await writeFile(drill, stringify({ ...monthly, checks: monthly.checks.filter((c) => c !== 'fault') }));
    const args = [
      'drill',
      '--config',
      'examples/demo-target/opsgate.demo.yml',
      '--drill',
      drill,
      '--out',
      out,
    ];
    const r = await runCli(args, {
      DEMO_URL: proxy.url,
      DEMO_USER_PASSWORD: DEMO_PASSWORD,
      DEMO_DATABASE_URL: demo.databaseUrl,
      DEMO_PG_URL: pgUrl(),
      DEMO_RATE_LIMIT_BYPASS: BYPASS,
      OPSGATE_STORE_DIR: path.join(out, 'store'),
    });
    expect([0, 1], r.stderr).toContain(r.code);
    expect(proxy.tokens.size).toBeGreaterThan(0);
    const dbPassword = decodeURIComponent(new URL(pgUrl()).password);
    const plain = [DEMO_PASSWORD, BYPASS, dbPassword, ...proxy.tokens];
    // Each secret and the encoded forms it travels in (Basic auth, base64url, query/form strings, JSON).
    const secrets = plain.flatMap((s) => [
      s,
      Buffer.from(s).toString('base64').replace(/=+$/, ''),
      Buffer.from(s).toString('base64url'),
      encodeURIComponent(s),
      JSON.stringify(s).slice(1, -1),
    ]);
    const files = await filesUnder(out);
    expect(files.some((f) => f.endsWith(path.join('evidence', 'headers.json')))).toBe(true);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const s of secrets) expect(text.includes(s), `${s.slice(0, 4)}… found in ${file}`).toBe(false);
    }
    for (const s of secrets) expect(r.stdout + r.stderr).not.toContain(s);
  });
});
