import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';

/** A file opsgate could not write: the message names the file and the cause (ENOSPC, EIO, EROFS…). */
export class OutputWriteError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
  ) {
    super(`cannot write ${file}: ${code}`);
    this.name = 'OutputWriteError';
  }
}

/**
 * Write a file so that readers see the old content or the new one, never a part: the data goes to
 * a temporary file next to it, which is renamed over the target. On ENOSPC, EIO or any other
 * failure the temporary file is removed and the previous file is left as it was.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new OutputWriteError(file, code);
  }
}
