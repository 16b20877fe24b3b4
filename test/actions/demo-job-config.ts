import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../scripts/build.js';
import { CHECK_NAMES } from '../../src/core/config/schema.js';

/**
 * The demo configuration as a job directory's opsgate.yml: examples/demo-target/opsgate.demo.yml
 * plus every check fragment (`opsgate.demo.<check>.yml`) not merged into it yet, with the
 * store and backup directories moved inside the job directory.
 */
export function demoJobConfig(): string {
  const dir = path.join(repoRoot, 'examples', 'demo-target');
  let text = readFileSync(path.join(dir, 'opsgate.demo.yml'), 'utf8');
  for (const check of CHECK_NAMES) {
    const fragment = path.join(dir, `opsgate.demo.${check}.yml`);
    if (!(parse(text) as Record<string, unknown>)[check] && existsSync(fragment))
      text += `\n${readFileSync(fragment, 'utf8')}`;
  }
  return text.replaceAll('../../.opsgate/', '.opsgate/');
}
