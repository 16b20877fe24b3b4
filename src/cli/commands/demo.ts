import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { ConfigError } from '../../core/errors.js';
import type { GlobalOptions } from '../context.js';

/**
 * `opsgate demo`: the monthly drill against the embedded demo target. The demo target and its
 * PostgreSQL harness live in the repository (examples/, scripts/), not in the published bundle,
 * so this command runs from a checkout (`npm run demo` is the same thing).
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the monthly drill against the embedded demo target (from a checkout of opsgate)')
    .option('--flaws <list>', 'demo target flaws to switch on, comma-separated', process.env.DEMO_FLAWS ?? '')
    .action(async (opts: { flaws: string }) => {
      const runner = findDemoRunner();
      const { runDemo } = (await import(
        pathToFileURL(runner).href
      )) as typeof import('../../../scripts/lib/demo-run.js');
      const flaws = opts.flaws
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean);
      process.exitCode = await runDemo({ outDir: program.opts<GlobalOptions>().out, flaws });
    });
}

function findDemoRunner(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'scripts', 'lib', 'demo-run.ts');
    if (existsSync(candidate)) return candidate;
  }
  throw new ConfigError(
    'opsgate demo runs from a checkout of the opsgate repository: git clone, npm ci, npm run demo',
  );
}
