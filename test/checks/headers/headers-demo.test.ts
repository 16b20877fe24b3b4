import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runHeadersCheck } from '../../../src/checks/headers/headers-check.js';
import { main } from '../../../src/cli/main.js';
import { evidenceSchema, type Evidence } from '../../../src/core/evidence/model.js';
import { DEMO_PASSWORD, startTestDemo, type TestDemo } from '../../support/demo.js';
import { contextFor, startHeaderServer, tempDir } from './helpers.js';

/** The pages a hardening plan for the demo would name: the home page, health and an API list. */
function demoConfig(url: string): string {
  return [
    'target:',
    `  base-url: ${url}`,
    'identities:',
    '  viewer:',
    '    kind: json-login',
    '    login:',
    '      path: /api/auth/login',
    '      body: { email: viewer@demo.test, password: "${DEMO_USER_PASSWORD}" }',
    'headers:',
    '  paths:',
    '    - /',
    '    - /health',
    '    - { path: /api/companies, identity: viewer }',
    '',
  ].join('\n');
}

const env = { DEMO_USER_PASSWORD: DEMO_PASSWORD };
let tmp: Awaited<ReturnType<typeof tempDir>>;
const demos: TestDemo[] = [];

async function demo(flaws: string[]): Promise<TestDemo> {
  const d = await startTestDemo({ flaws });
  demos.push(d);
  return d;
}

async function checkDemo(flaws: string[]): Promise<Evidence> {
  const d = await demo(flaws);
  const ctx = contextFor(demoConfig(d.url), path.join(tmp.dir, flaws.join('+') || 'healthy'), env);
  return runHeadersCheck(ctx);
}

beforeAll(async () => {
  tmp = await tempDir('headers-demo');
});
afterAll(async () => {
  await Promise.all(demos.map((d) => d.stopAll()));
  await tmp.remove();
});

describe('headers check against the demo target', () => {
  it('healthy: every page passes, observed headers recorded per page', async () => {
    const e = await checkDemo([]);
    expect(e.findings).toEqual([]);
    expect(e.metrics.pages_checked).toBe(3);
    const pages = e.data!.pages as { path: string; status: number; headers: Record<string, string> }[];
    expect(pages.map((p) => [p.path, p.status])).toEqual([
      ['/', 200],
      ['/health', 200],
      ['/api/companies', 200],
    ]);
    expect(pages[2]!.headers['x-frame-options']).toBe('DENY');
  });

  it('missing-headers: names each missing header and the banners, on every page', async () => {
    const e = await checkDemo(['missing-headers']);
    const onHome = e.findings.filter((f) => f.title.endsWith(' on /')).map((f) => f.title);
    expect(onHome.sort()).toEqual(
      [
        'Content-Security-Policy missing on /',
        'Referrer-Policy missing on /',
        'Server banner reveals a version on /',
        'X-Content-Type-Options missing on /',
        'X-Frame-Options missing (no frame protection) on /',
        'X-Powered-By banner present on /',
      ].sort(),
    );
    expect(e.findings).toHaveLength(18); // the same six on /health and /api/companies
    expect(e.findings.find((f) => f.title.startsWith('Server banner'))!.detail).toContain(
      'seen: Server: demo-target/1.4.2',
    );
  });

  it('cors-credentials-wildcard: a high CORS finding per page', async () => {
    const e = await checkDemo(['cors-credentials-wildcard']);
    expect(e.findings.map((f) => [f.title, f.severity])).toEqual([
      ['CORS reflects any Origin with credentials on /', 'high'],
      ['CORS reflects any Origin with credentials on /health', 'high'],
      ['CORS reflects any Origin with credentials on /api/companies', 'high'],
    ]);
  });

  it('insecure-cookie: the session cookie lacks Secure, HttpOnly and SameSite', async () => {
    const e = await checkDemo(['insecure-cookie']);
    expect(e.findings.map((f) => f.title)).toEqual([
      'Cookie demo_session without Secure on /',
      'Cookie demo_session without HttpOnly on /',
      'Cookie demo_session without SameSite on /',
    ]);
  });
});

describe('opsgate headers (CLI in-process)', () => {
  let stderr: string[];
  beforeAll(() => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      stderr.push(args.join(' '));
    });
  });
  afterEach(() => {
    process.exitCode = undefined;
  });
  afterAll(() => vi.restoreAllMocks());

  let validateShipped: ReturnType<Ajv2020['compile']>;
  beforeAll(async () => {
    const schemaFile = path.resolve(import.meta.dirname, '../../../schema/evidence.schema.json');
    validateShipped = new Ajv2020({ strict: false }).compile(JSON.parse(await readFile(schemaFile, 'utf8')));
  });

  async function cli(
    url: string,
    name: string,
  ): Promise<{ code: number; evidence?: Evidence; report?: string }> {
    stderr = [];
    const dir = path.join(tmp.dir, `cli-${name}`);
    const file = path.join(tmp.dir, `${name}.yml`);
    process.env.DEMO_USER_PASSWORD = DEMO_PASSWORD;
    await writeFile(file, demoConfig(url));
    const code = await main(['headers', '--config', file, '--out', dir]);
    try {
      const raw: unknown = JSON.parse(await readFile(path.join(dir, 'evidence', 'headers.json'), 'utf8'));
      expect(validateShipped(raw), JSON.stringify(validateShipped.errors)).toBe(true);
      const report = await readFile(path.join(dir, 'report.md'), 'utf8');
      return { code, evidence: evidenceSchema.parse(raw), report };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { code };
      throw err;
    }
  }

  it('healthy demo → exit 0 with valid evidence', async () => {
    const d = await demo([]);
    const { code, evidence } = await cli(d.url, 'healthy');
    expect(evidence!.verdict).toBe('pass');
    expect(code).toBe(0);
  });

  it('missing-headers → exit 1; the report names the missing headers; no password in the output', async () => {
    const d = await demo(['missing-headers']);
    const { code, evidence, report } = await cli(d.url, 'missing');
    expect(evidence!.verdict).toBe('fail');
    expect(code).toBe(1);
    for (const name of [
      'Content-Security-Policy',
      'X-Frame-Options',
      'X-Content-Type-Options',
      'Referrer-Policy',
      'X-Powered-By',
      'Server',
    ]) {
      expect(report).toContain(name);
    }
    const evidenceText = await readFile(
      path.join(tmp.dir, 'cli-missing', 'evidence', 'headers.json'),
      'utf8',
    );
    expect(evidenceText + report).not.toContain(DEMO_PASSWORD);
  });

  it('an unreachable target → exit 3 naming the URL tried', async () => {
    const closed = await startHeaderServer(() => ({}));
    await closed.close();
    const { code } = await cli(closed.url, 'unreachable');
    expect(code).toBe(3);
    expect(stderr.join('\n')).toContain(`GET ${closed.url}/`);
  });
});
