import type { CheckName } from '../../core/config/schema.js';
import type { Evidence } from '../../core/evidence/model.js';
import type { GateResult } from '../../core/gate/gate.js';

/** One `inputs:` entry of an action.yml. */
export interface ActionInput {
  description: string;
  required?: boolean;
  /** Default as written in action.yml (may be an expression such as `${{ github.token }}`). */
  default?: string;
  /**
   * For check inputs: the check option this input feeds (`ctx.options[key]`), the same name the
   * CLI flag produces (`--baseline-commit` → `baselineCommit`). Omitted for the shared inputs.
   */
  option?: string;
  /** How the input is parsed before it reaches the check. */
  type?: 'string' | 'boolean' | 'number';
  /**
   * A choice input: each allowed value and the check options it sets (e.g. restore `mode:
   * retention-only` → `{retentionOnly: true}`). Other values are a configuration error.
   */
  values?: Record<string, Record<string, unknown>>;
}

/** What an output's value is computed from: the evidence of the check and the gate over it. */
export interface OutputSource {
  evidence: Evidence | undefined;
  gate: GateResult;
  outDir: string;
}

/** One `outputs:` entry of an action.yml, with the function that computes it. */
export interface ActionOutput {
  description: string;
  /** Computed from the evidence and the gate; omitted when the entry sets the output itself. */
  value?: (source: OutputSource) => string | undefined;
}

/**
 * The one definition of an action: `action.yml`, the README tables and the input parsing of
 * `src/actions/<name>.ts` all come from it, so they cannot drift apart.
 */
export interface ActionDefinition {
  /** Directory under `actions/` and bundle name under `dist/`. */
  name: string;
  /** The check it runs; undefined for the gate and the sign-off recorder. */
  check?: CheckName;
  title: string;
  description: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, ActionOutput>;
  /** README paragraph on what the action does, when the standard check/gate text does not fit. */
  about?: string;
  /** A usage example for the README (YAML steps). */
  example: string;
}
