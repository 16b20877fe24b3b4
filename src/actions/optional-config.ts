import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig, parseConfigText } from '../core/config/load-config.js';
import type { OpsgateConfig } from '../core/config/schema.js';
import { ConfigError } from '../core/errors.js';

/**
 * The gate and the sign-off recorder work without a config (default policy, local store); a
 * config that exists must be valid. They only need the policy and the store, so unset `${ENV}`
 * references (no secrets in a fork PR's gate job) are filled with a placeholder instead of
 * failing; every other problem is still reported.
 */
export async function loadOptionalConfig(file: string): Promise<OpsgateConfig | undefined> {
  try {
    await access(file);
  } catch {
    return undefined;
  }
  try {
    return (await loadConfig(file)).config;
  } catch (err) {
    const onlyUnsetEnv =
      err instanceof ConfigError && err.problems.every((p) => /environment variable \S+ is not set/.test(p.message));
    if (!onlyUnsetEnv) throw err;
    const placeholders = new Proxy(process.env, {
      get: (env, name) => (typeof name === 'string' ? (env[name] ?? UNSET_PLACEHOLDER) : undefined),
    });
    try {
      return parseConfigText(await readFile(file, 'utf8'), path.basename(file), placeholders);
    } catch {
      throw err;
    }
  }
}

/** Stands in for unset environment variables when only the gate policy is needed. */
const UNSET_PLACEHOLDER = 'http://unset.invalid';
