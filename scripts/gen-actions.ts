/**
 * Write `actions/<name>/action.yml` and `README.md` from src/actions/definitions.
 * `--check` only compares and exits 1 when a file is stale (used by the freshness test and CI).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionDefinitions } from '../src/actions/definitions/index.js';
import { renderActionReadme, renderActionYaml } from '../src/actions/render-metadata.js';
import { workflowFiles } from '../src/cli/init/workflow-templates.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every generated metadata file with its expected content: action.yml, READMEs, workflows/. */
export function expectedActionFiles(): { file: string; content: string }[] {
  const actions = Object.values(actionDefinitions).flatMap((def) => [
    { file: path.join('actions', def.name, 'action.yml'), content: renderActionYaml(def) },
    { file: path.join('actions', def.name, 'README.md'), content: renderActionReadme(def) },
  ]);
  const workflows = Object.entries(workflowFiles()).map(([name, content]) => ({
    file: path.join('workflows', name),
    content,
  }));
  return [...actions, ...workflows];
}

async function main(): Promise<number> {
  const checkOnly = process.argv.includes('--check');
  const stale: string[] = [];
  for (const { file, content } of expectedActionFiles()) {
    const abs = path.join(root, file);
    const current = await readFile(abs, 'utf8').catch(() => undefined);
    if (current === content) continue;
    if (checkOnly) stale.push(file);
    else {
      await mkdir(path.dirname(abs), { recursive: true });
      await writeFile(abs, content);
      console.log(`wrote ${file}`);
    }
  }
  if (stale.length) {
    console.error(`stale action metadata (run npm run gen-actions):\n  ${stale.join('\n  ')}`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().then((code) => process.exit(code));
}
