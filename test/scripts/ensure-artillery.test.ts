import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ARTILLERY_PIN_BIN,
  ARTILLERY_PIN_DIR,
  ensureArtillery,
  pinnedArtilleryVersion,
} from '../../scripts/lib/ensure-artillery.js';
import { suiteSetupFailure } from '../support/suite-setup-failure.js';

const run = promisify(execFile);

describe('npm test finds or installs Artillery', () => {
  it('pins one exact Artillery that runs on Node 20, with a lock that downloads only from the registry', async () => {
    const pkg = JSON.parse(await readFile(path.join(ARTILLERY_PIN_DIR, 'package.json'), 'utf8')) as {
      private?: boolean;
      dependencies: Record<string, string>;
    };
    expect(pkg.private).toBe(true);
    expect(Object.keys(pkg.dependencies)).toEqual(['artillery']);
    expect(await pinnedArtilleryVersion()).toMatch(/^\d+\.\d+\.\d+$/);
    const lock = JSON.parse(await readFile(path.join(ARTILLERY_PIN_DIR, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; resolved?: string; integrity?: string }>;
    };
    expect(lock.packages['node_modules/artillery']?.version).toBe(await pinnedArtilleryVersion());
    for (const [name, entry] of Object.entries(lock.packages)) {
      if (!name) continue;
      // No tarball, git or file address: npm ci fetches from the configured registry and checks integrity.
      expect(entry.resolved ?? 'https://registry.npmjs.org/', name).toMatch(
        /^https:\/\/registry\.npmjs\.org\//,
      );
      expect(entry.integrity, name).toMatch(/^sha512-/);
    }
  });

  // Unless the run was given another Artillery: then the pin may be absent and is not installed here.
  it.skipIf(process.env.ARTILLERY_BIN !== ARTILLERY_PIN_BIN)(
    'finds the pinned install the global setup made and handed to the tests',
    async () => {
      expect(await ensureArtillery({ env: {} })).toEqual({ bin: ARTILLERY_PIN_BIN, installed: false });
      const { stdout } = await run(ARTILLERY_PIN_BIN, ['version'], {
        env: { ...process.env, ARTILLERY_DISABLE_TELEMETRY: 'true' },
      });
      expect(stdout).toContain(`Artillery: ${await pinnedArtilleryVersion()}`);
    },
  );

  it('uses ARTILLERY_BIN as given', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-artillery-bin-'));
    const bin = path.join(dir, 'artillery');
    await writeFile(bin, '#!/bin/sh\n');
    await chmod(bin, 0o755);
    expect(await ensureArtillery({ env: { ARTILLERY_BIN: bin } })).toEqual({ bin, installed: false });
    await rm(dir, { recursive: true, force: true });
  });

  it('with ARTILLERY_BIN pointing nowhere, the test run stops at once with one message', async () => {
    const missing = path.join(os.tmpdir(), 'opsgate-no-such-artillery');
    const r = await suiteSetupFailure({ ...process.env, ARTILLERY_BIN: missing });
    expect(r.code).toBe(1);
    expect(r.messages).toEqual([
      `npm test cannot run: ARTILLERY_BIN=${missing} is not an executable file. Point it at an Artillery 2.x CLI, or unset it to have the pinned version installed into scripts/artillery-pin.`,
    ]);
    expect(r.out).not.toMatch(/Test Files|✓|×|\n\s+at |❯/);
  });
});
