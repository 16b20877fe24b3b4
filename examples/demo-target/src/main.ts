/** CLI: `tsx examples/demo-target/src/main.ts [--setup]`, configured through environment variables. */
import { parseFlaws } from './flaws.js';
import { DEMO_PROFILES } from './options.js';
import { setupDemoDatabase, startDemoTarget, type DemoTargetOptions } from './server.js';

/** Bad configuration: exit 2, like opsgate's own usage errors; anything else exits 3. */
class UsageError extends Error {}

function intEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new UsageError(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl)
    throw new UsageError('DATABASE_URL is required (postgres://user:password@127.0.0.1:port/db)');
  const flaws = (process.env.DEMO_FLAWS ?? '').split(',').filter((f) => f.trim());
  const options = {
    databaseUrl,
    profile: (process.env.DEMO_PROFILE || undefined) as DemoTargetOptions['profile'],
    port: intEnv('DEMO_PORT') ?? 0,
    flaws,
    loginMaxFailures: intEnv('DEMO_LOGIN_MAX_FAILURES'),
    loginWindowMs: intEnv('DEMO_LOGIN_WINDOW_MS'),
    rateLimit: intEnv('DEMO_RATE_LIMIT'),
    rateWindowMs: intEnv('DEMO_RATE_WINDOW_MS'),
    rateLimitBypassToken: process.env.DEMO_RATE_LIMIT_BYPASS,
    slowMs: intEnv('DEMO_SLOW_MS'),
    requestLogPath: process.env.DEMO_REQUEST_LOG,
    tokenTtlMs: intEnv('DEMO_TOKEN_TTL_MS'),
    corsOrigin: process.env.DEMO_CORS_ORIGIN,
    dbRetryMs: intEnv('DEMO_DB_RETRY_MS'),
  };
  // Validate the profile and flaw names before touching the database.
  if (options.profile && !(DEMO_PROFILES as readonly string[]).includes(options.profile))
    throw new UsageError(
      `unknown DEMO_PROFILE "${options.profile}"; valid profiles: ${DEMO_PROFILES.join(', ')}`,
    );
  try {
    parseFlaws(flaws);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (process.argv.includes('--setup')) {
    await setupDemoDatabase(databaseUrl, { userPassword: process.env.DEMO_USER_PASSWORD });
  }
  const target = await startDemoTarget(options);
  console.log(`demo-target listening on ${target.url}`);
  const stop = (): void => {
    target.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`demo-target: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof UsageError ? 2 : 3);
});
