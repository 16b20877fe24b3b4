import { access, readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { loadConfig } from '../core/config/load-config.js';
import type { OpsgateConfig } from '../core/config/schema.js';
import { gateSection } from '../core/config/sections/gate.js';
import { storeSection } from '../core/config/sections/store.js';
import { ConfigError } from '../core/errors.js';

/** What the gate and the sign-off recorder need from opsgate.yml: the gate policy and the store. */
export type PolicyConfig = Pick<OpsgateConfig, 'gate' | 'store'>;

/**
 * The gate and the sign-off recorder work without a config (default policy, local store); a
 * config that exists must be valid. They only need the policy and the store, so when the only
 * problems are unset `${ENV}` references elsewhere (no secrets in a fork PR's gate job), the
 * `gate` and `store` sections are read on their own; every other problem is still reported.
 */
export async function loadOptionalConfig(file: string): Promise<PolicyConfig | undefined> {
  try {
    await access(file);
  } catch {
    return undefined;
  }
  try {
    return (await loadConfig(file)).config;
  } catch (err) {
    const unsetElsewhere =
      err instanceof ConfigError &&
      err.problems.every(
        (p) => /environment variable \S+ is not set/.test(p.message) && !/^(gate|store)\b/.test(p.path),
      );
    if (!unsetElsewhere) throw err;
    const raw = (parse(await readFile(file, 'utf8')) ?? {}) as Record<string, unknown>;
    const gate = gateSection.safeParse(raw.gate);
    const store = storeSection.safeParse(raw.store);
    if (!gate.success || !store.success) throw err;
    return { gate: gate.data, store: store.data };
  }
}
