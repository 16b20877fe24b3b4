import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

describe('out dir faults', () => {
  it('--out /proc/x exits 2 within 5 s naming the directory, before any request', async () => {
    const started = Date.now();
    const r = await runCli(
      ['headers', '--config', 'examples/demo-target/opsgate.demo.yml', '--out', '/proc/x'],
      {
        DEMO_URL: 'http://127.0.0.1:9',
        DEMO_USER_PASSWORD: 'x-password-1',
        DEMO_DATABASE_URL: 'postgres://u:p@127.0.0.1:9/db',
        DEMO_PG_URL: 'postgres://u:p@127.0.0.1:9/db',
        DEMO_RATE_LIMIT_BYPASS: 'bypass-x-1',
      },
    );
    // The bound includes CLI start-up on a loaded runner (~1.8 s idle); the old behaviour spun forever.
    expect(Date.now() - started).toBeLessThan(8000);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('/proc/x');
  });
});
