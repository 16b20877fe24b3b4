import { access } from 'node:fs/promises';
import { loadConfig } from '../core/config/load-config.js';
import type { OpsgateConfig } from '../core/config/schema.js';

/** What the gate and the sign-off recorder need from opsgate.yml: the gate policy and the store. */
export type PolicyConfig = Pick<OpsgateConfig, 'gate' | 'store'>;

/**
 * The gate and the sign-off recorder work without a config (default policy, local store); a
 * config that exists must be valid. They run no check, so only the target, gate and store need
 * their `${ENV}` set (no secrets in a fork PR's gate job); every other problem is still reported.
 */
export async function loadOptionalConfig(file: string): Promise<PolicyConfig | undefined> {
  try {
    await access(file);
  } catch {
    return undefined;
  }
  return (await loadConfig(file, process.env, [])).config;
}
