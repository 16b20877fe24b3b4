import { ConfigError } from '../src/core/errors.js';
import { runDemo } from './lib/demo-run.js';

/** `npm run demo`: the monthly drill against the embedded demo target. DEMO_FLAWS turns flaws on. */
const flaws = (process.env.DEMO_FLAWS ?? '')
  .split(',')
  .map((f) => f.trim())
  .filter(Boolean);
const outDir = process.env.OPSGATE_OUT ?? 'opsgate-out';
try {
  const profile = process.env.DEMO_PROFILE === 'strict' ? 'strict' : 'default';
  if (process.env.DEMO_PROFILE && process.env.DEMO_PROFILE !== profile) {
    console.error(`demo: unknown DEMO_PROFILE "${process.env.DEMO_PROFILE}" (default, strict)`);
    process.exit(2);
  }
  process.exit(await runDemo({ outDir, flaws, profile }));
} catch (err) {
  console.error(`demo: ${err instanceof Error ? err.message : String(err)}`);
  // A mistake in DEMO_FLAWS is a usage error (2); anything else a runtime error (3).
  process.exit(err instanceof ConfigError ? 2 : 3);
}
