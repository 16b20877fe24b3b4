import type { Command } from 'commander';
import type { Check } from '../../checks/check.js';
import { runCheck, singleCheckPolicy } from '../../checks/run-check.js';
import { ExitCode } from '../../core/errors.js';
import { runGate } from '../../core/gate/gate.js';
import { buildContext, type GlobalOptions } from '../context.js';
import { consoleReport } from '../console-report.js';

/** `opsgate <check>`: run one check, write its evidence and its reports, exit by its own gate. */
export function registerCheckCommand(program: Command, check: Check): void {
  const cmd = program.command(check.name).description(check.description);
  check.addOptions?.(cmd);
  cmd.action(async (options: Record<string, unknown>) => {
    const ctx = await buildContext(program.opts<GlobalOptions>(), options, [check.name]);
    const { evidence, evidenceFile } = await runCheck(check, ctx);
    const gate = runGate([evidence], singleCheckPolicy(ctx.config));
    console.log(consoleReport(gate));
    console.log(`evidence: ${evidenceFile}`);
    if (evidence.verdict === 'error') {
      console.error(`opsgate: ${evidence.error?.message ?? 'check failed to run'}`);
      process.exitCode = ExitCode.runtime;
    } else process.exitCode = gate.passed ? ExitCode.ok : ExitCode.gateFailed;
  });
}
