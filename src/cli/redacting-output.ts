import { redact } from '../core/secrets.js';

let installed = false;

/**
 * Route every byte opsgate writes to stdout/stderr through `redact`, the same boundary its files
 * use, so a console.log, a library's warning or a stack trace cannot put a secret in the CI log.
 */
export function installRedactingOutput(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...a: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text =
        typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : chunk;
      return write(typeof text === 'string' ? redact(text) : text, ...rest);
    }) as typeof stream.write;
  }
}
