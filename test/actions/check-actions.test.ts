import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionDefinitions, type ActionDefinition } from '../../src/actions/definitions/index.js';
import { checks } from '../../src/checks/index.js';
import { CHECK_NAMES, type CheckName } from '../../src/core/config/schema.js';
import { DEMO_PASSWORD, pgUrl, startTestDemo, type TestDemo } from '../support/demo.js';
import { runActionProcess } from './action-process.js';
import { demoJobConfig } from './demo-job-config.js';

/**
 * Every check action, end to end as on a runner, against the demo target with the demo
 * configuration (examples/demo-target/opsgate.demo.yml and the check fragments next to it): clean target → passes, target with the
 * check's flaw → fails. A check joins this test by being registered and configured in the demo
 * config; a check with no flaw that can break it only has the passing run.
 */
const flawsThatFail: Record<CheckName, string[] | undefined> = {
  headers: ['missing-headers'],
  load: ['slow-dashboard'],
  rbac: ['viewer-can-delete'],
  abuse: ['no-login-limit'],
  restore: undefined,
  dast: undefined,
  db: ['missing-index'],
  fault: undefined,
};

const demoConfig = parse(demoJobConfig()) as Record<string, unknown>;
const BYPASS = 'action-test-bypass-token';

const runnable = Object.values(actionDefinitions).filter(
  (d): d is ActionDefinition & { check: CheckName } =>
    !!d.check && !!checks[d.check] && !!demoConfig[d.check],
);

describe('check actions', () => {
  it('there is an action for every check', () => {
    const covered = Object.values(actionDefinitions).map((d) => d.check);
    // Fault drills break a dependency on purpose: they run from `opsgate fault` / the drill, not as an action.
    for (const name of CHECK_NAMES.filter((n) => n !== 'fault')) expect(covered).toContain(name);
  });

  let job: string;
  beforeAll(async () => {
    job = await mkdtemp(path.join(os.tmpdir(), 'opsgate-check-job-'));
    await writeFile(path.join(job, 'opsgate.yml'), demoJobConfig());
  });
  afterAll(async () => {
    if (job) await rm(job, { recursive: true, force: true });
  });

  async function runAgainstDemo(def: ActionDefinition, flaws: string[], out: string) {
    const demo: TestDemo = await startTestDemo({ flaws, rateLimitBypassToken: BYPASS });
    try {
      return await runActionProcess(def.name, {
        cwd: job,
        inputs: { out },
        env: {
          DEMO_URL: demo.url,
          DEMO_USER_PASSWORD: DEMO_PASSWORD,
          DEMO_DATABASE_URL: demo.databaseUrl,
          DEMO_PG_URL: pgUrl(),
          DEMO_RATE_LIMIT_BYPASS: BYPASS,
          PATH: `${path.join(os.homedir(), 'go', 'bin')}:${process.env.PATH}`,
        },
      });
    } finally {
      await demo.stopAll();
    }
  }

  describe.each(runnable.map((d) => ({ name: d.name, def: d })))('$name action', ({ def }) => {
    it('passes against the clean demo target: outputs, evidence and job summary', async () => {
      const run = await runAgainstDemo(def, [], `out-${def.name}-pass`);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(['pass', 'warn']).toContain(run.outputs.verdict);
      for (const name of Object.keys(def.outputs)) expect(run.outputs[name], `output ${name}`).toBeDefined();
      const evidence = JSON.parse(await readFile(run.outputs['evidence-path']!, 'utf8'));
      expect(evidence.check).toBe(def.check);
      expect(evidence.verdict).toBe(run.outputs.verdict);
      expect(run.summary).toContain(`## ${def.title} — `);
      expect(run.summary).toContain('gate passed');
      expect(existsSync(run.outputs['report-path']!)).toBe(true);
      expect(run.stdout + run.summary).not.toContain(DEMO_PASSWORD);
    });

    it.runIf(flawsThatFail[def.check])('fails the step against the flawed demo target', async () => {
      const run = await runAgainstDemo(def, flawsThatFail[def.check]!, `out-${def.name}-fail`);
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.outputs.verdict).toBe('fail');
      expect(Number(run.outputs['failed-controls'])).toBeGreaterThan(0);
      expect(run.stdout).toContain('::error::gate failed (fail)');
      expect(run.summary).toContain('❌');
      expect(run.stdout + run.summary).not.toContain(DEMO_PASSWORD);
    });
  });

  it.runIf(runnable.length)('the gate action combines the evidence the check actions wrote', async () => {
    const dirs = (suffix: string) =>
      runnable
        .filter((d) => suffix === 'pass' || flawsThatFail[d.check])
        .map((d) => `out-${d.name}-${suffix}`)
        .join('\n');
    const passing = await runActionProcess('gate', {
      cwd: job,
      inputs: { out: 'gate-pass', 'evidence-dirs': dirs('pass') },
    });
    expect(passing.code, passing.stdout).toBe(0);
    expect(passing.outputs.checks!.split(',').sort()).toEqual(runnable.map((d) => d.check).sort());
    const failing = await runActionProcess('gate', {
      cwd: job,
      inputs: { out: 'gate-fail', 'evidence-dirs': `${dirs('pass')}\n${dirs('fail')}` },
    });
    expect(failing.code).toBe(1);
    expect(failing.outputs).toMatchObject({ verdict: 'fail', passed: 'false' });
    expect(failing.summary).toContain('gate failed');
  });
});
