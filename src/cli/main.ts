#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { checks } from '../checks/index.js';
import { ConfigError, ExitCode, TargetUnreachableError } from '../core/errors.js';
import { redact } from '../core/secrets.js';
import { registerCheckCommand } from './commands/check-command.js';
import { registerGate } from './commands/gate.js';
import { registerValidate } from './commands/validate.js';
import { extraCommands } from './commands/index.js';
import { installRedactingOutput } from '../core/redacting-output.js';
import packageJson from '../../package.json' with { type: 'json' };

/** The `opsgate` command. Exit codes: 0 pass/warn, 1 gate failed, 2 config/usage, 3 runtime error. */
export async function main(argv: string[]): Promise<number> {
  installRedactingOutput();
  const program = new Command('opsgate')
    .description('Measured, gated evidence for ops and security promises.')
    .option('-c, --config <file>', 'configuration file', 'opsgate.yml')
    .option('-o, --out <dir>', 'output directory for evidence and reports', 'opsgate-out')
    .version(packageJson.version, '-V, --version', 'print the opsgate version')
    // Every subcommand's --help lists -c/--out too.
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerValidate(program);
  for (const check of Object.values(checks)) registerCheckCommand(program, check);
  registerGate(program);
  for (const register of extraCommands) register(program);
  try {
    process.exitCode = undefined;
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (err) {
    return reportFailure(err);
  }
}

function reportFailure(err: unknown): number {
  if (err instanceof CommanderError) {
    return err.exitCode === 0 ? 0 : ExitCode.config;
  }
  if (err instanceof ConfigError) {
    console.error(
      `opsgate: configuration error${err.problems.length > 1 ? `s (${err.problems.length})` : ''}:`,
    );
    console.error(redact(err.message).replace(/^/gm, '  '));
    return ExitCode.config;
  }
  if (err instanceof TargetUnreachableError) {
    console.error(`opsgate: ${redact(err.message)}`);
    return ExitCode.runtime;
  }
  console.error(`opsgate: ${redact(err instanceof Error ? err.message : String(err))}`);
  if (process.env.OPSGATE_DEBUG) console.error(err);
  return ExitCode.runtime;
}

const invokedDirectly = process.argv[1] && /(?:main\.ts|opsgate(?:\.js)?)$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
