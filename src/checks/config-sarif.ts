import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * SARIF results of a black-box check sit on a repository file: opsgate.yml, at the line that
 * configures what was found. This finds the config file's path relative to the repository root
 * (as code scanning resolves it) and its text, for `lineOfKey`.
 */
export async function configInRepository(o: {
  configDir: string;
  configFile?: string;
}): Promise<{ rel: string; text: string }> {
  const configFile = o.configFile ?? path.join(o.configDir, 'opsgate.yml');
  const text = await readFile(configFile, 'utf8').catch(() => '');
  const root = sourceRoot(path.dirname(configFile));
  const rel = path.relative(root, configFile).split(path.sep).join('/');
  return { rel: rel.startsWith('..') ? path.basename(configFile) : rel, text };
}

/**
 * The repository root SARIF paths are relative to: the runner's workspace when the config is in
 * it, else the nearest directory above the config holding `.git`, else the config's directory.
 */
export function sourceRoot(configDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const dir = path.resolve(configDir);
  const ws = env.GITHUB_WORKSPACE ? path.resolve(env.GITHUB_WORKSPACE) : undefined;
  if (ws && !path.relative(ws, dir).startsWith('..') && !path.isAbsolute(path.relative(ws, dir))) return ws;
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return dir;
  }
}
