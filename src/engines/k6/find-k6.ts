import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function executable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Locate k6: `$K6_BIN`, then PATH, then `$(go env GOPATH)/bin` (where `go install go.k6.io/k6/v2`
 * puts it), then `~/go/bin`. Returns undefined when there is none.
 */
export async function findK6(): Promise<string | undefined> {
  const candidates: string[] = [];
  if (process.env.K6_BIN) candidates.push(process.env.K6_BIN);
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean))
    candidates.push(path.join(dir, 'k6'));
  try {
    const { stdout } = await run('go', ['env', 'GOPATH'], { timeout: 10_000 });
    for (const p of stdout.trim().split(path.delimiter).filter(Boolean))
      candidates.push(path.join(p, 'bin', 'k6'));
  } catch {
    // no Go toolchain: fine
  }
  if (process.env.HOME) candidates.push(path.join(process.env.HOME, 'go', 'bin', 'k6'));
  for (const c of candidates) if (await executable(c)) return c;
  return undefined;
}

/** `k6 v2.1.0 (go1.26.8, linux/amd64)` → `2.1.0`. */
export async function k6Version(bin: string): Promise<string> {
  const { stdout } = await run(bin, ['version'], { timeout: 10_000 });
  return /v(\d+\.\d+\.\d+\S*)/.exec(stdout)?.[1] ?? stdout.trim();
}
