import { parse } from 'yaml';
import { variablesOfChecks } from '../../core/config/env-scope.js';
import type { CheckName } from '../../core/config/schema.js';

/**
 * The `env:` block of a workflow: every `${NAME}` the config's sections for `checks` use (as
 * each command resolves them, see env-scope.ts). Values that are plainly not secret (the target
 * URL, name and hosts, the store dir) come from repository variables, everything else from
 * secrets — the same line redaction draws. `${NAME:-default}` references are left out: an unset
 * variable would arrive as an empty string and hide the default.
 */
export function workflowEnv(configText: string, checks: readonly CheckName[]): string {
  const raw = (parse(configText) ?? {}) as Record<string, unknown>;
  const refs = variablesOfChecks(raw, checks).filter((r) => !r.hasDefault);
  if (!refs.length) return '';
  const lines = refs.map((r) => `  ${r.name}: \${{ ${r.plain ? 'vars' : 'secrets'}.${r.name} }}`);
  return `# What opsgate.yml reads from the environment: repository variables (vars) and secrets.\nenv:\n${lines.join('\n')}\n`;
}

/** `vars.X` / `secrets.X` names an env block uses, for the "next:" hint after init. */
export function envSources(block: string): { vars: string[]; secrets: string[] } {
  const of = (kind: string) =>
    [...block.matchAll(new RegExp(`\\$\\{\\{ ${kind}\\.(\\w+) \\}\\}`, 'g'))].map((m) => m[1]!);
  return { vars: of('vars'), secrets: of('secrets') };
}
