import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/build.js';
import { actionDefinitions } from '../../src/actions/definitions/index.js';

const dist = path.join(repoRoot, 'dist');

/** Every module a bundle evaluates before its first line: the closure of its static imports. */
async function staticClosure(entry: string): Promise<string> {
  const seen = new Set<string>();
  let text = '';
  const visit = async (file: string): Promise<void> => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = await readFile(path.join(dist, file), 'utf8');
    text += code;
    // Static imports only (`from "./x.js"` / `import "./x.js"`); `import("./x.js")` is lazy.
    for (const m of code.matchAll(/(?:from|^import)\s*"\.\/([\w-]+\.js)"/gm)) await visit(m[1]!);
  };
  await visit(entry);
  return text;
}

describe('action bundles load heavy modules only when used', () => {
  for (const name of Object.keys(actionDefinitions))
    it(`dist/${name}.js starts without octokit, artifact upload or a check`, async () => {
      const loaded = await staticClosure(`${name}.js`);
      // esbuild's module comments name the path it resolved (node_modules may be a symlink).
      const modules = [...loaded.matchAll(/^\/\/ (\S+)$/gm)].map((m) => m[1]!);
      expect(modules.some((m) => m.startsWith('src/actions/'))).toBe(true);
      // A check's own directory (its engine and parsers); src/checks/*.ts are the shared runner.
      const heavy = /node_modules\/(@octokit|@actions\/artifact|pg|autocannon)\/|^src\/checks\/[^/]+\//;
      expect(modules.filter((m) => heavy.test(m))).toEqual([]);
    });
});
