import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { ConfigError } from '../../core/errors.js';
import { extendGitignore, ignoredPaths } from '../init/gitignore.js';
import { checkActionRepo, checkRef, detectDefaultBranch } from '../init/init-options.js';
import { OPSGATE_ACTIONS_REPO, OPSGATE_DEFAULT_REF } from '../init/pinned-actions.js';
import { schemaComment, starterConfig, starterDrill } from '../init/starter-files.js';
import { envSources } from '../init/workflow-env.js';
import { workflowFiles, type WorkflowOptions } from '../init/workflow-templates.js';

export interface InitOptions {
  dir: string;
  force?: boolean;
  actionRepo?: string;
  actionRef?: string;
  defaultBranch?: string;
  /** Keep the repository's opsgate.yml: write the workflows (env from it) and .gitignore only. */
  workflowsOnly?: boolean;
}

/** Repository-relative path → content of everything `opsgate init` writes (.gitignore aside). */
export function initFiles(opts: WorkflowOptions & { workflowsOnly?: boolean } = {}): Record<string, string> {
  const repo = opts.actionRepo ?? OPSGATE_ACTIONS_REPO;
  const config =
    opts.configText ?? schemaComment(repo, opts.actionRef ?? OPSGATE_DEFAULT_REF) + starterConfig;
  const files: Record<string, string> = opts.workflowsOnly
    ? {}
    : { 'opsgate.yml': config, 'drills/monthly.yml': starterDrill };
  for (const [name, content] of Object.entries(workflowFiles({ ...opts, configText: config })))
    files[path.join('.github', 'workflows', name)] = content;
  return files;
}

/** Write the starter files and extend .gitignore; refuses (naming every existing file) unless `force`. */
export async function runInit(opts: InitOptions): Promise<string[]> {
  const root = path.resolve(opts.dir);
  const settings: WorkflowOptions = {
    actionRepo: checkActionRepo(opts.actionRepo ?? OPSGATE_ACTIONS_REPO),
    actionRef: checkRef('--action-ref', opts.actionRef ?? OPSGATE_DEFAULT_REF),
    defaultBranch: checkRef('--default-branch', opts.defaultBranch ?? (await detectDefaultBranch(root))),
  };
  if (opts.workflowsOnly) {
    const configFile = path.join(root, 'opsgate.yml');
    if (!existsSync(configFile))
      throw new ConfigError(`--workflows-only: ${configFile} not found (run opsgate init without it first)`);
    settings.configText = await readFile(configFile, 'utf8');
  }
  const files = initFiles({ ...settings, workflowsOnly: opts.workflowsOnly });
  const existing = Object.keys(files).filter((f) => existsSync(path.join(root, f)));
  if (existing.length && !opts.force)
    throw new ConfigError(
      existing.map((f) => ({ path: '', message: `${f} already exists (use --force to overwrite)` })),
    );
  const gitignoreFile = path.join(root, '.gitignore');
  const gitignore = extendGitignore(
    await readFile(gitignoreFile, 'utf8').catch(() => undefined),
    ignoredPaths(files['opsgate.yml'] ?? settings.configText ?? ''),
  );
  if (gitignore !== undefined) files['.gitignore'] = gitignore;
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  return Object.keys(files);
}

/** `opsgate init`: the workflows, a starter opsgate.yml, drills/monthly.yml and .gitignore entries. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description(
      'write the opsgate workflows into .github/workflows, a starter opsgate.yml, drills/monthly.yml and .gitignore entries',
    )
    .option('--dir <dir>', 'repository root to write into', '.')
    .option('--force', 'overwrite existing files')
    .option(
      '--action-repo <owner/repo>',
      `repository of the opsgate actions (default ${OPSGATE_ACTIONS_REPO})`,
    )
    .option('--action-ref <ref>', `tag or commit SHA of the opsgate actions (default ${OPSGATE_DEFAULT_REF})`)
    .option('--default-branch <branch>', 'branch whose pushes record baselines (default: detected from git)')
    .option('--workflows-only', 'keep opsgate.yml; rewrite the workflows with the env: its checks need')
    .action(async (opts: InitOptions) => {
      const written = await runInit(opts);
      for (const f of written) console.log(`wrote ${path.join(opts.dir, f)}`);
      const drill = await readFile(path.join(opts.dir, '.github/workflows/monthly-drill.yml'), 'utf8');
      const { vars, secrets } = envSources(drill);
      const set = [
        vars.length ? `repository variables ${vars.join(', ')}` : '',
        secrets.length ? `secrets ${secrets.join(', ')}` : '',
      ].filter(Boolean);
      console.log(
        `next: ${set.length ? `set the ${set.join(' and ')} (Settings → Secrets and variables → Actions), ` : ''}list approvers in drills/monthly.yml, run \`opsgate validate\` (it lists the variables each check needs).`,
      );
    });
}
