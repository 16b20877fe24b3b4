import type { OpsgateConfig } from '../config/schema.js';
import type { EvidenceStore } from '../store/evidence-store.js';
import type { TemplateData } from './template.js';

/** What a runbook's data module may read: the configuration, this run's evidence and the store. */
export interface RunbookContext {
  config: OpsgateConfig;
  /** Directory of opsgate.yml (relative paths in the config resolve against it). */
  configDir: string;
  /**
   * opsgate.yml itself (default `<configDir>/opsgate.yml`): runbooks read the `${ENV}` names
   * written in it, to say which of the user's variables a command needs (never the values).
   */
  configFile?: string;
  /** The run's out dir: `out/evidence/<check>.json` is the freshest evidence. */
  outDir: string;
  /** History: the latest stored evidence and logs such as the drill log. */
  store: EvidenceStore;
  /** "Generated at" and ages are computed against this (tests pin it). */
  now: Date;
}

/**
 * One runbook = one markdown template (`runbooks/templates/<name>.md`) + one data module.
 * Adding a runbook is adding those two files and one line in `registry.ts`.
 */
export interface RunbookDefinition {
  /** File name without `.md`, e.g. `disaster-recovery`. */
  name: string;
  /** Heading and index line. */
  title: string;
  /** One line: when to open this runbook. */
  description: string;
  /** Values for the template's `{{placeholders}}`, computed from config and the latest evidence. */
  data(ctx: RunbookContext): Promise<TemplateData>;
}
