import type { CheckName, OpsgateConfig } from '../core/config/schema.js';

export interface ConfiguredChecks {
  run: CheckName[];
  skipped: { check: CheckName; reason: string }[];
}

/**
 * A check takes part when opsgate has it and opsgate.yml configures it (and does not disable
 * it). `available` is the checks this build has: the registry, or the one check an action loaded.
 */
export function selectConfiguredChecks(
  config: OpsgateConfig,
  wanted: CheckName[],
  available: Partial<Record<CheckName, unknown>>,
): ConfiguredChecks {
  const run: CheckName[] = [];
  const skipped: ConfiguredChecks['skipped'] = [];
  for (const name of wanted) {
    const section = config[name] as { enabled?: boolean } | undefined;
    if (!available[name]) skipped.push({ check: name, reason: 'not available in this opsgate version' });
    else if (!section) skipped.push({ check: name, reason: `no ${name} section in the config` });
    else if (section.enabled === false) skipped.push({ check: name, reason: `${name}.enabled is false` });
    else run.push(name);
  }
  return { run, skipped };
}
