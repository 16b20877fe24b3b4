import type { Command } from 'commander';
import { variablesByCheck } from '../../core/config/env-scope.js';
import { loadConfig } from '../../core/config/load-config.js';
import { CHECK_NAMES } from '../../core/config/schema.js';
import { ConfigError } from '../../core/errors.js';
import type { GlobalOptions } from '../context.js';

/**
 * `opsgate validate`: every problem in opsgate.yml at once, with YAML path and line, then the
 * environment variables each check needs and whether each is set (a check command resolves only
 * its own). Exit 2 when a problem is found or a needed variable is unset.
 */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description(
      'check opsgate.yml (every problem with its YAML path and line) and list the variables each check needs',
    )
    .action(async () => {
      const file = program.opts<GlobalOptions>().config;
      const { file: abs, raw } = await loadConfig(file, process.env, [], { crossReferences: true });
      const sections = CHECK_NAMES.filter((k) => raw[k] !== undefined);
      console.log(`${abs}: valid (${sections.join(', ') || 'no checks configured'})`);
      const rows = variablesByCheck(raw, process.env).filter((r) => r.variables.length);
      if (rows.length) console.log('environment variables each check needs:');
      const width = Math.max(...rows.map((r) => r.check.length));
      for (const { check, variables } of rows)
        console.log(
          `  ${check.padEnd(width)}  ${variables.map((v) => `${v.name} (${v.set ? (v.hasDefault ? 'default' : 'set') : 'UNSET'})`).join(', ')}`,
        );
      const unset = rows.flatMap((r) =>
        r.variables.filter((v) => !v.set).map((v) => ({ ...v, check: r.check })),
      );
      if (unset.length)
        throw new ConfigError(
          [...new Set(unset.map((u) => u.name))].map((name) => ({
            path: '',
            message: `environment variable ${name} is not set (needed by ${unset
              .filter((u) => u.name === name)
              .map((u) => u.check)
              .join(', ')})`,
          })),
        );
    });
}
