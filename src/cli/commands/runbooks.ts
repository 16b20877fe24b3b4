import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../core/config/load-config.js';
import { renderRunbooks } from '../../core/runbooks/render-runbooks.js';
import { localEvidenceStore } from '../../github/history-trust.js';
import type { GlobalOptions } from '../context.js';

/** `opsgate runbooks`: regenerate the runbooks from their templates and the latest evidence. */
export function registerRunbooks(program: Command): void {
  program
    .command('runbooks')
    .description('regenerate runbooks (disaster recovery, …) from templates and the latest evidence')
    .option('--dir <dir>', 'where to write the runbooks (default: <out>/runbooks)')
    .option('--only <names...>', 'only these runbooks')
    .action(async (options: { dir?: string; only?: string[] }) => {
      const opts = program.opts<GlobalOptions>();
      const { config, dir } = await loadConfig(opts.config);
      const written = await renderRunbooks({
        config,
        configDir: dir,
        configFile: path.resolve(opts.config),
        outDir: path.resolve(opts.out),
        store: localEvidenceStore(path.resolve(dir, config.store.dir)),
        ...(options.dir ? { dir: path.resolve(options.dir) } : {}),
        ...(options.only ? { names: options.only } : {}),
      });
      for (const r of written) console.log(`${r.name}: ${r.file}`);
    });
}
