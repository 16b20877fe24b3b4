import type { Command } from 'commander';
import { loadConfig } from '../../core/config/load-config.js';
import type { GlobalOptions } from '../context.js';

/** `opsgate validate`: every problem in opsgate.yml at once, with YAML path and line. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check opsgate.yml and report every problem with its YAML path and line')
    .action(async () => {
      const { file, config } = await loadConfig(program.opts<GlobalOptions>().config, process.env, {
        crossReferences: true,
      });
      const sections = Object.keys(config).filter(
        (k) => !['version', 'gate', 'store', 'target', 'identities'].includes(k),
      );
      console.log(`${file}: valid (${sections.join(', ') || 'no checks configured'})`);
    });
}
