/**
 * The runbook template language, kept deliberately tiny so templates stay readable markdown:
 * `{{name}}` or `{{dotted.path}}` is replaced by the data value (arrays become one line each).
 * A placeholder without data is an error naming every missing one, so a template typo never
 * ships a runbook with a blank where a command should be.
 */

/** What a data module may hand a template. */
export type TemplateValue =
  string | number | boolean | null | TemplateValue[] | { [key: string]: TemplateValue };
export type TemplateData = Record<string, TemplateValue>;

const placeholder = /\{\{\s*([A-Za-z_][\w-]*(?:\.[\w-]+)*)\s*\}\}/g;

/** Thrown when a template names data its module did not provide. */
export class TemplateDataError extends Error {
  constructor(
    readonly template: string,
    readonly missing: string[],
  ) {
    super(`runbook template ${template}: no data for ${missing.map((m) => `{{${m}}}`).join(', ')}`);
    this.name = 'TemplateDataError';
  }
}

/** Fill `{{placeholders}}` in a template from data; throws TemplateDataError listing all gaps. */
export function renderTemplate(template: string, data: TemplateData, label = 'template'): string {
  const missing = new Set<string>();
  const out = template.replace(placeholder, (_whole, key: string) => {
    const value = lookup(data, key);
    if (value === undefined) {
      missing.add(key);
      return '';
    }
    return show(value);
  });
  if (missing.size) throw new TemplateDataError(label, [...missing]);
  return out;
}

/** The placeholders a template uses, for tests and docs. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(placeholder)].map((m) => m[1]!))];
}

function lookup(data: TemplateData, key: string): TemplateValue | undefined {
  let node: TemplateValue | undefined = data;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, TemplateValue>)[part];
  }
  return node;
}

function show(value: TemplateValue): string {
  if (value === null) return '—';
  if (Array.isArray(value)) return value.map(show).join('\n');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
