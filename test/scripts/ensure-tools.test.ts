import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureGoTools } from '../../scripts/lib/ensure-tools.js';
import { suiteSetupFailure } from '../support/suite-setup-failure.js';

const run = promisify(execFile);

/** The directory of `go` on this machine's PATH, or undefined. */
function goDir(): string | undefined {
  return (process.env.PATH ?? '').split(path.delimiter).find((d) => d && existsSync(path.join(d, 'go')));
}

/** PATH of a fresh machine: system directories only (no ~/go/bin), plus Go when wanted. */
function freshPath(withGo: boolean): string {
  return [...(withGo && goDir() ? [goDir()!] : []), '/usr/bin', '/bin'].join(path.delimiter);
}

describe('npm test finds or installs k6 and actionlint', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'opsgate-fresh-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it.skipIf(!goDir())(
    'with Go present and neither tool anywhere, installs both at the pinned versions',
    async () => {
      const bin = path.join(home, 'bin');
      const env = { ...process.env, PATH: freshPath(true), GOBIN: bin };
      const lines: string[] = [];
      const { binDir, installed } = await ensureGoTools({
        env,
        timeoutMs: 100_000,
        log: (l) => lines.push(l),
      });
      expect(binDir).toBe(bin);
      expect(installed).toEqual(['k6', 'actionlint']);
      expect(lines[0]).toMatch(
        /^installing k6, actionlint with scripts\/install-tools\.sh \(at most 2 min\)/,
      );
      const k6 = await run(path.join(bin, 'k6'), ['version']);
      expect(k6.stdout).toMatch(/v2\.\d+\.\d+/);
      const lint = await run(path.join(bin, 'actionlint'), ['-version']);
      expect(lint.stdout).toMatch(/^v1\.\d+\.\d+/);
      // Found the second time: nothing is installed again.
      expect((await ensureGoTools({ env })).installed).toEqual([]);
    },
    120_000,
  );

  it('with Go absent, the test run stops at once with one message saying what to install', async () => {
    const r = await suiteSetupFailure({ PATH: freshPath(false), HOME: home, GOPATH: home });
    expect(r.code).toBe(1);
    expect(r.messages).toEqual([
      `npm test cannot run: k6 and actionlint are not on PATH or in ${path.join(home, 'bin')}, and Go is not installed to build them. Install Go (https://go.dev/doc/install; the version in scripts/k6-pin/go.mod) and run the command again: scripts/install-tools.sh then installs the pinned versions.`,
    ]);
    // Nothing ran: no test results, no stack trace.
    expect(r.out).not.toMatch(/Test Files|✓|×|\n\s+at |❯/);
  });
});
