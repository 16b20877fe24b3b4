/**
 * Bundle the actions and the CLI with esbuild: one `dist/<action>.js` per action plus
 * `dist/opsgate.js` (the `opsgate` bin), sharing `dist/chunk-*.js`. ESM for node20+;
 * a `createRequire` banner lets bundled CommonJS dependencies `require` Node built-ins.
 * The output is deterministic, so `scripts/check-dist.ts` can compare a rebuild with the
 * committed `dist/`.
 *
 *   npx tsx scripts/build.ts [--outdir DIR]
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { actionDefinitions } from '../src/actions/definitions/index.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const banner = [
  "import { createRequire as __opsgateCreateRequire } from 'node:module';",
  "import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';",
  "import { dirname as __opsgateDirname } from 'node:path';",
  'const require = __opsgateCreateRequire(import.meta.url);',
  'const __filename = __opsgateFileURLToPath(import.meta.url);',
  'const __dirname = __opsgateDirname(__filename);',
].join('\n');

/** Entry points: `dist/<name>.js` ← source. */
export function entryPoints(): Record<string, string> {
  const entries: Record<string, string> = { opsgate: 'src/cli/main.ts' };
  for (const name of Object.keys(actionDefinitions)) entries[name] = `src/actions/${name}.ts`;
  return entries;
}

/** Build everything into `outdir` (emptied first). */
export async function buildDist(outdir: string): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: repoRoot,
    entryPoints: entryPoints(),
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Chunks next to the entries: code that resolves files relative to import.meta.url (runbook
    // templates) sees the same directory whichever bundle it ends up in.
    chunkNames: 'chunk-[hash]',
    banner: { js: banner },
    // Optional native bindings of pg: never used, never installed.
    external: ['pg-native'],
    legalComments: 'none',
    sourcemap: false,
    charset: 'utf8',
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const i = process.argv.indexOf('--outdir');
  const outdir = path.resolve(i > 0 ? process.argv[i + 1]! : path.join(repoRoot, 'dist'));
  await buildDist(outdir);
  console.log(
    `built ${Object.keys(entryPoints()).length} bundles into ${path.relative(process.cwd(), outdir) || '.'}`,
  );
}
