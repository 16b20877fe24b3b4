import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../atomic-write.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors.js';
import { redact } from '../secrets.js';
import { runbooks } from './registry.js';
import type { RunbookContext, RunbookDefinition } from './runbook.js';
import { renderTemplate } from './template.js';

export interface RenderRunbooksOptions extends Omit<RunbookContext, 'now'> {
  now?: Date;
  /** Where the generated runbooks go; default `<outDir>/runbooks`. */
  dir?: string;
  /** Only these runbooks (default: all registered). */
  names?: string[];
}

export interface RenderedRunbook {
  name: string;
  title: string;
  file: string;
  template: string;
}

/**
 * Template lookup order: a project's own `runbooks/templates/` next to opsgate.yml (so a team
 * can adapt wording), then the templates shipped with opsgate (source tree or bundle).
 */
export function templateDirs(configDir: string): string[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return [
    path.join(configDir, 'runbooks', 'templates'),
    path.resolve(here, '../../../runbooks/templates'),
    path.resolve(here, '../runbooks/templates'),
  ];
}

async function readTemplate(
  def: RunbookDefinition,
  configDir: string,
): Promise<{ text: string; file: string }> {
  const tried: string[] = [];
  for (const dir of templateDirs(configDir)) {
    const file = path.join(dir, `${def.name}.md`);
    tried.push(file);
    if (existsSync(file)) return { text: await readFile(file, 'utf8'), file };
  }
  throw new Error(`runbook template ${def.name}.md not found (tried ${tried.join(', ')})`);
}

/** (Re)generate runbooks from their templates and the latest evidence; returns what was written. */
export async function renderRunbooks(opts: RenderRunbooksOptions): Promise<RenderedRunbook[]> {
  const names = opts.names ?? Object.keys(runbooks);
  const unknown = names.filter((n) => !runbooks[n]);
  if (unknown.length) {
    throw new ConfigError(
      unknown.map((n) => ({
        path: '',
        message: `unknown runbook "${n}" (known: ${Object.keys(runbooks).join(', ')})`,
      })),
    );
  }
  const ctx: RunbookContext = { ...opts, now: opts.now ?? new Date() };
  const dir = opts.dir ?? path.join(opts.outDir, 'runbooks');
  await mkdir(dir, { recursive: true });
  const written: RenderedRunbook[] = [];
  for (const name of names) {
    const def = runbooks[name]!;
    const template = await readTemplate(def, opts.configDir);
    const data = {
      title: def.title,
      description: def.description,
      generatedAt: ctx.now.toISOString(),
      ...(await def.data(ctx)),
    };
    const file = path.join(dir, `${name}.md`);
    await writeFileAtomic(file, redact(renderTemplate(template.text, data, template.file)));
    written.push({ name, title: def.title, file, template: template.file });
  }
  return written;
}
