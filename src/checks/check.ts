import type { Command } from 'commander';
import type { OpsgateConfig, CheckName } from '../core/config/schema.js';
import type { Evidence } from '../core/evidence/model.js';
import type { EvidenceStore } from '../core/store/evidence-store.js';
import type { SessionCache } from '../engines/http/session-cache.js';

/** Everything a check may use. A check never talks to GitHub. */
export interface CheckContext {
  config: OpsgateConfig;
  /** Directory of opsgate.yml: relative paths in the config resolve against it. */
  configDir: string;
  /** The config file itself, for pointing at the line that configures something (SARIF locations). */
  configFile?: string;
  /** Where evidence, artifacts and reports go (`out/evidence/<check>.json`, `out/artifacts/<check>/…`). */
  outDir: string;
  /** Past evidence for baselines, diffs against the previous run and the drill log. */
  store: EvidenceStore;
  /** Progress for long runs (stderr on the CLI, the log on a runner). */
  log: (message: string) => void;
  /** Aborted on SIGINT/SIGTERM: checks stop their loops and clean up. */
  signal: AbortSignal;
  /**
   * Logins of this run, shared by every check of a drill: each identity logs in once, and a
   * failed login is not retried by a later check. Without it a check keeps its own.
   */
  sessions?: SessionCache;
  /** Check-specific CLI flags (e.g. `--shard 1/2` for load). */
  options: Record<string, unknown>;
  /**
   * Run `record` once the evidence is on disk (the runner sets this): records that claim a run
   * happened, like a drill-log line, never exist without the evidence. Without a runner, at once.
   */
  afterEvidence?: (record: () => Promise<void>) => void;
}

/** One capability: plans from config, drives an engine, returns Evidence (verdict is set by the runner). */
export interface Check {
  name: CheckName;
  /** One line for `--help` and the README. */
  description: string;
  /** Extra CLI flags this check understands. */
  addOptions?: (cmd: Command) => void;
  run(ctx: CheckContext): Promise<Evidence>;
}
