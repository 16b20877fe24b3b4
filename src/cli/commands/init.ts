import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { ConfigError } from '../../core/errors.js';
import { starterConfig, starterDrill } from '../init/starter-files.js';
import { workflowFiles } from '../init/workflow-templates.js';

export interface InitOptions {
  dir: string;
  force?: boolean;
  actionRef?: string;
}

/** Repository-relative path → content of everything `opsgate init` writes. */
export function initFiles(opts: Pick<InitOptions, 'actionRef'> = {}): Record<string, string> {
  const files: Record<string, string> = { 'opsgate.yml': starterConfig, 'drills/monthly.yml': starterDrill };
  for (const [name, content] of Object.entries(workflowFiles(opts)))
    files[path.join('.github', 'workflows', name)] = content;
  return files;
}

/** Write the starter files; refuses (naming every existing file) unless `force`. */
export async function runInit(opts: InitOptions): Promise<string[]> {
  const root = path.resolve(opts.dir);
  const files = initFiles(opts);
  const existing = Object.keys(files).filter((f) => existsSync(path.join(root, f)));
  if (existing.length && !opts.force)
    throw new ConfigError(
      existing.map((f) => ({ path: '', message: `${f} already exists (use --force to overwrite)` })),
    );
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  return Object.keys(files);
}

/** `opsgate init`: the workflows, a starter opsgate.yml and the drill definition. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description(
      'write the opsgate workflows into .github/workflows, a starter opsgate.yml and drills/monthly.yml',
    )
    .option('--dir <dir>', 'repository root to write into', '.')
    .option('--force', 'overwrite existing files')
    .option('--action-ref <ref>', 'ref of the opsgate actions the workflows use (a tag or a commit SHA)')
    .action(async (opts: InitOptions) => {
      const written = await runInit(opts);
      for (const f of written) console.log(`wrote ${path.join(opts.dir, f)}`);
      console.log(
        'next: set the OPSGATE_TARGET_URL variable and OPSGATE_PASSWORD secret, list approvers in drills/monthly.yml, run `opsgate validate`.',
      );
    });
}
