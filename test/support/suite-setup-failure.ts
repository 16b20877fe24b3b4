import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

/**
 * Runs one small test file through vitest, as `npm test` would, in an environment whose global
 * setup is expected to fail: the exit code, the `npm test cannot run:` lines, and all output.
 */
export async function suiteSetupFailure(
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | undefined; messages: string[]; out: string }> {
  const r = await run(
    process.execPath,
    [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/cli/validate.test.ts'],
    { cwd: root, env: { ...env, NO_COLOR: '1' }, timeout: 60_000 },
  ).then(
    () => ({ code: 0, out: '' }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({
      code: e.code,
      out: `${e.stdout}${e.stderr}`,
    }),
  );
  return { ...r, messages: r.out.split('\n').filter((l) => l.startsWith('npm test cannot run:')) };
}
