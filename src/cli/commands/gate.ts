import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config/load-config.js';
import { ConfigError, ExitCode } from '../../core/errors.js';
import { writeReports } from '../../core/render/write-reports.js';
import { consoleReport } from '../console-report.js';
import type { GlobalOptions } from '../context.js';

/** `opsgate gate`: all evidence in the out dir → one verdict, report.md, junit.xml; exit 0/1. */
export function registerGate(program: Command): void {
  program
    .command('gate')
    .description('combine all evidence in the out dir into one verdict; writes report.md and junit.xml')
    .action(async () => {
      const opts = program.opts<GlobalOptions>();
      const { config } = await loadConfig(opts.config, process.env, []);
      const gate = await writeReports(opts.out, config);
      if (!gate.checks.length)
        throw new ConfigError(`no evidence in ${path.join(opts.out, 'evidence')}: run a check first`);
      console.log(consoleReport(gate));
      console.log(`report: ${path.join(path.resolve(opts.out), 'report.md')}`);
      process.exitCode = gate.passed ? ExitCode.ok : ExitCode.gateFailed;
    });
}
