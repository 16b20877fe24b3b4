/**
 * Shared setup for the load tests: an opsgate.yml against a demo target, run through the real CLI
 * entry point in-process, with the password and the rate-limit bypass coming in as ${ENV}.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli/main.js';
import type { Evidence } from '../../../src/core/evidence/model.js';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_PASSWORD, readRequestLog, startTestDemo, type TestDemo } from '../../support/demo.js';

export const BYPASS_TOKEN = `bypass-${randomBytes(8).toString('hex')}`;
process.env.LOAD_TEST_PASSWORD = DEMO_PASSWORD;
process.env.LOAD_TEST_BAD_PASSWORD = 'not-the-Passw0rd!';
process.env.LOAD_TEST_BYPASS = BYPASS_TOKEN;

export interface LoadYamlOptions {
  url: string;
  /** Lines placed under `load:` (indented by the caller's two spaces). */
  load: string;
  passwordEnv?: string;
  storeDir?: string;
}

/** A config with viewer (json-login) and anonymous identities against `url`. */
export function loadYaml(o: LoadYamlOptions): string {
  return `version: 1
target:
  base-url: ${o.url}
  headers:
    X-RateLimit-Bypass: \${LOAD_TEST_BYPASS}
identities:
  anonymous:
    kind: anonymous
  viewer:
    kind: json-login
    login: { path: /api/auth/login, body: { email: viewer@demo.test, password: '\${${o.passwordEnv ?? 'LOAD_TEST_PASSWORD'}}' } }
    token-path: $.token
store:
  dir: ${o.storeDir ?? 'store'}
load:
${o.load}
`;
}

export interface LoadRun {
  code: number;
  evidence: Evidence;
  outDir: string;
  dir: string;
  stdout: string;
}

/** Write the config into a fresh directory and run `opsgate load` in-process. */
export async function runLoadCli(yaml: string, args: string[] = [], dir?: string): Promise<LoadRun> {
  const work = dir ?? (await mkdtemp(path.join(os.tmpdir(), 'opsgate-load-')));
  const configFile = path.join(work, 'opsgate.yml');
  await writeFile(configFile, yaml);
  const outDir = await mkdtemp(path.join(work, 'out-'));
  const logged: string[] = [];
  const original = console.log;
  console.log = (...parts: unknown[]) => logged.push(parts.join(' '));
  let code: number;
  try {
    code = await main(['--config', configFile, '--out', outDir, 'load', ...args]);
  } finally {
    console.log = original;
  }
  const evidence = JSON.parse(await readFile(path.join(outDir, 'evidence', 'load.json'), 'utf8')) as Evidence;
  return { code, evidence, outDir, dir: work, stdout: logged.join('\n') };
}

export interface EndpointData {
  name: string;
  requests: number;
  failed: number;
  responses: number;
  errorRate: number;
  rps: number;
  latency: { avg: number; min: number; p50: number; p90: number; p95: number; p99: number; max: number };
  reasons: Record<string, number>;
}

export function endpointData(e: Evidence, name: string): EndpointData {
  const d = e.data as { endpoints: EndpointData[]; total: EndpointData };
  const found = name === 'total' ? d.total : d.endpoints.find((x) => x.name === name);
  if (!found) throw new Error(`no endpoint ${name} in evidence`);
  return found;
}

/**
 * A healthy demo target and one with the slow-dashboard flaw (400 ms), started before the
 * file's tests and stopped after them. Read the targets inside tests, once beforeAll has run.
 */
export function healthyAndSlowTargets(): { healthy: TestDemo; slow: TestDemo } {
  const targets = {} as { healthy: TestDemo; slow: TestDemo };
  beforeAll(async () => {
    [targets.healthy, targets.slow] = await Promise.all([
      startTestDemo({ rateLimitBypassToken: BYPASS_TOKEN }),
      startTestDemo({ rateLimitBypassToken: BYPASS_TOKEN, flaws: ['slow-dashboard'], slowMs: 400 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([targets.healthy?.stopAll(), targets.slow?.stopAll()]);
  });
  return targets;
}

/** Refused logins (any status but 200 on /api/auth/login) the target has logged so far. */
export async function refusedLogins(target: TestDemo): Promise<number> {
  const log = await readRequestLog(target.requestLogPath);
  return log.filter((r) => r.path === '/api/auth/login' && r.status !== 200).length;
}
