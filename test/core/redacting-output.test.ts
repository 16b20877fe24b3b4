import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

describe('redacted stdout/stderr (the one boundary for CLI and action logs)', () => {
  it('masks a registered secret and its base64 form in strings, Buffers and stack traces', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-redact-out-'));
    const script = path.join(dir, 'emit.ts');
    await writeFile(
      script,
      `import { installRedactingOutput } from ${JSON.stringify(path.join(root, 'src/core/redacting-output.ts'))};
import { registerSecret } from ${JSON.stringify(path.join(root, 'src/core/secrets.ts'))};
const secret = 'hunter2-very-secret';
registerSecret(secret);
installRedactingOutput();
process.stdout.write('plain ' + secret + '\\n');
process.stdout.write(Buffer.from('buffer ' + Buffer.from(secret).toString('base64') + '\\n'));
console.error(new Error('failed with ' + secret).stack);
process.stdout.write('::add-mask::' + secret + '\\nafter ' + secret + '\\n');
`,
    );
    const { stdout, stderr } = await run(path.join(root, 'node_modules/.bin/tsx'), [script]);
    const all = stdout + stderr;
    expect(all).toContain('plain [redacted]');
    expect(all).toContain('buffer [redacted]');
    expect(all).toContain('failed with [redacted]');
    // The runner's mask command must carry the value; the line after it is still redacted.
    expect(all).toContain('::add-mask::hunter2-very-secret\nafter [redacted]');
    expect(all.replace('::add-mask::hunter2-very-secret', '')).not.toContain('hunter2-very-secret');
    expect(all).not.toContain(Buffer.from('hunter2-very-secret').toString('base64'));
  });
});
