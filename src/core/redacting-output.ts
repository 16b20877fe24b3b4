import { redact } from './secrets.js';

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
      return write(typeof text === 'string' ? redactLines(text) : text, ...rest);
    }) as typeof stream.write;
  }
}

/**
 * `::add-mask::<value>` is how a secret reaches the runner's own masking: it must pass unchanged
 * (the runner never shows that line). Every other line is redacted.
 */
function redactLines(text: string): string {
  if (!text.includes('::add-mask::')) return redact(text);
  return text
    .split('\n')
    .map((line) => (line.startsWith('::add-mask::') ? line : redact(line)))
    .join('\n');
}
