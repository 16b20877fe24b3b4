import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { builtInDrill, loadDrill } from '../../core/drill/drill-definition.js';
import { ConfigError, ExitCode } from '../../core/errors.js';
import { consoleReport } from '../console-report.js';
import { buildContext, type GlobalOptions } from '../context.js';
import { configuredChecks, runDrill } from '../run-drill.js';

const DEFAULT_DRILL = 'drills/monthly.yml';

/** `opsgate drill`: every configured check of a drill in order, then the gate (exit 0/1, 3 if a check crashed). */
export function registerDrill(program: Command): void {
  program
    .command('drill')
    .description('run a drill (default drills/monthly.yml): its checks in order, then the gate')
    .option('--drill <file>', 'drill definition (default: drills/monthly.yml when present, else every check)')
    .action(async (opts: { drill?: string }) => {
      const drill =
        opts.drill || existsSync(DEFAULT_DRILL)
          ? await loadDrill(opts.drill ?? DEFAULT_DRILL)
          : builtInDrill();
      const ctx = await buildContext(program.opts<GlobalOptions>(), {}, drill.checks);
      if (!configuredChecks(ctx, drill.checks).run.length)
        throw new ConfigError(
          `none of the drill's checks (${drill.checks.join(', ')}) is configured in opsgate.yml: add a section, e.g. \`headers: { paths: [/] }\` (docs/config-reference.md), then run opsgate drill again`,
        );
      const outcome = await runDrill(drill, ctx);
      console.log(consoleReport(outcome.gate));
      console.log(`report: ${outcome.reportPath}`);
      process.exitCode = drillExitCode(
        outcome.evidence.some((e) => e.verdict === 'error'),
        outcome.gate.passed,
      );
    });
}

export function drillExitCode(crashed: boolean, passed: boolean): number {
  if (crashed) return ExitCode.runtime;
  return passed ? ExitCode.ok : ExitCode.gateFailed;
}
