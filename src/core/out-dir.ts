import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from './errors.js';

/**
 * Make sure the out dir exists and takes a write before any request is sent. Each missing
 * component is created non-recursively (bounded by the path's depth), so odd filesystems such as
 * /proc fail at once instead of looping.
 */
export async function ensureWritableOutDir(dir: string): Promise<void> {
  const abs = path.resolve(dir);
  const parts = abs.split(path.sep).filter(Boolean);
  try {
    let cur = path.parse(abs).root;
    for (const part of parts) {
      cur = path.join(cur, part);
      const st = await stat(cur).catch(() => undefined);
      if (st && !st.isDirectory()) throw new Error(`${cur} is not a directory`);
      if (!st) await mkdir(cur);
    }
    const probe = path.join(abs, `.opsgate-write-probe-${process.pid}`);
    await writeFile(probe, 'ok');
    await rm(probe, { force: true });
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ConfigError(`out dir ${abs} is not writable (${reason})`);
  }
}
