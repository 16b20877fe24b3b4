import { ConfigError } from '../src/core/errors.js';
import { runDemo } from './lib/demo-run.js';

/** `npm run demo`: the monthly drill against the embedded demo target. DEMO_FLAWS turns flaws on. */
const flaws = (process.env.DEMO_FLAWS ?? '')
  .split(',')
  .map((f) => f.trim())
  .filter(Boolean);
const outDir = process.env.OPSGATE_OUT ?? 'opsgate-out';
try {
  process.exit(await runDemo({ outDir, flaws }));
} catch (err) {
  console.error(`demo: ${err instanceof Error ? err.message : String(err)}`);
  // A mistake in DEMO_FLAWS is a usage error (2); anything else a runtime error (3).
  process.exit(err instanceof ConfigError ? 2 : 3);
}
