import { generateK6Script } from '../../engines/k6/generate-script.js';
import type { LoadPlan } from '../../engines/load-plan.js';

/** One environment variable the generated k6 script reads: its name and where its value belongs. */
export interface ScriptEnvVariable {
  name: string;
  /** Where in the plan the value is used, as in the script's header (`identities.viewer.login.body.password`). */
  description: string;
}

/**
 * The `OPSGATE_SECRET_<n>` variables of the script generated for this plan, names and
 * descriptions only (never the values), so the load runbook can say what to set before re-running
 * the script artifact. Generated again from the same plan, it names exactly what the artifact reads.
 */
export function scriptEnvOf(plan: LoadPlan): ScriptEnvVariable[] {
  return Object.entries(generateK6Script(plan).envDescriptions).map(([name, description]) => ({
    name,
    description,
  }));
}
