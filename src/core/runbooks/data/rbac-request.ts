import { PLACEHOLDER } from '../../config/placeholders.js';
import { shellConcat, shellWord, type ShellPart } from '../shell.js';

/**
 * The pieces of a repro curl command built from rbac config: `{name}` placeholders in paths,
 * headers and JSON bodies filled the way the rbac check fills them (src/checks/rbac/fixtures.ts:
 * fillTemplate, fillBody), but in shell: a value known when the runbook is written is literal
 * text, a record created by an earlier line is a shell variable. Config and evidence text only
 * ever reaches bash through shellWord/shellConcat.
 */

/** What a placeholder becomes: a value known now, or a shell variable an earlier line set. */
export type Binding = { value: string } | { variable: string; required?: string };

/** The variable for a placeholder: `{doomed-company}` → `FIXTURE_DOOMED_COMPANY`. */
export function placeholderVar(name: string): string {
  return `FIXTURE_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** A placeholder nobody provides: a variable the responder sets (the caller says what to put in it). */
function unbound(name: string): Binding {
  const variable = placeholderVar(name);
  return { variable, required: `set ${variable} first, see the comment above` };
}

/** Own entries only: a placeholder named `constructor` in hostile evidence is just a name. */
export function bound(bindings: Record<string, Binding>, name: string): Binding | undefined {
  return Object.hasOwn(bindings, name) ? bindings[name] : undefined;
}

function partOf(name: string, bindings: Record<string, Binding>): ShellPart {
  const b = bound(bindings, name) ?? unbound(name);
  return 'value' in b ? b.value : b;
}

/** A template as shell parts: literal text, filled values and variables. */
export function templateParts(template: string, bindings: Record<string, Binding>): ShellPart[] {
  const parts: ShellPart[] = [];
  let last = 0;
  const literal = (t: string): void => {
    const prev = parts.at(-1);
    if (typeof prev === 'string') parts[parts.length - 1] = prev + t;
    else if (t) parts.push(t);
  };
  for (const m of template.matchAll(PLACEHOLDER)) {
    literal(template.slice(last, m.index));
    const p = partOf(m[1]!, bindings);
    if (typeof p === 'string') literal(p);
    else parts.push(p);
    last = m.index + m[0].length;
  }
  literal(template.slice(last));
  return parts;
}

/** `"$BASE/api/companies/${FIXTURE_X}"`: the request URL with its placeholders filled. */
export function urlArg(path: string, bindings: Record<string, Binding>): string {
  return shellConcat([{ variable: 'BASE' }, ...templateParts(path, bindings)]);
}

/** ` -H 'name: value'` for each configured header of the request. */
export function headerArgs(
  headers: Record<string, string> | undefined,
  bindings: Record<string, Binding>,
): string {
  return Object.entries(headers ?? {})
    .map(([k, v]) => ` -H ${shellConcat(templateParts(`${k}: ${v}`, bindings))}`)
    .join('');
}

/**
 * ` -H 'content-type: application/json' -d …` sending `body` as the check does. Values known now
 * are written into the JSON; variables go through `jq --arg`, so a created id stays data. A
 * string that is exactly `{name}` of an integer becomes a number, as in fillBody.
 */
export function bodyArgs(body: unknown, bindings: Record<string, Binding>): string {
  if (body === undefined) return '';
  const variables: string[] = [];
  const argOf = (p: Exclude<ShellPart, string>): string => {
    const i = variables.findIndex((v) => v === shellConcat([p]));
    if (i >= 0) return `$p${i}`;
    variables.push(shellConcat([p]));
    return `$p${variables.length - 1}`;
  };
  const jq = (v: unknown): string => {
    if (typeof v === 'string') {
      const parts = templateParts(v, bindings);
      if (parts.length === 1 && typeof parts[0] !== 'string')
        return `(${argOf(parts[0]!)} | if test("^-?[0-9]+$") then tonumber else . end)`;
      const whole = /^\{([A-Za-z0-9_.-]+)\}$/.exec(v);
      if (parts.length === 1 && typeof parts[0] === 'string' && whole && /^-?\d+$/.test(parts[0]))
        return parts[0];
      if (parts.every((p) => typeof p === 'string')) return JSON.stringify(parts.join(''));
      return `(${parts.map((p) => (typeof p === 'string' ? JSON.stringify(p) : argOf(p))).join(' + ')})`;
    }
    if (Array.isArray(v)) return `[${v.map(jq).join(', ')}]`;
    if (v && typeof v === 'object')
      return `{${Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => `${JSON.stringify(k)}: ${jq(x)}`)
        .join(', ')}}`;
    return JSON.stringify(v ?? null);
  };
  const program = jq(body);
  const json = variables.length
    ? `"$(jq -nc ${variables.map((v, i) => `--arg p${i} ${v}`).join(' ')} ${shellWord(program)})"`
    : // Nothing to fill at run time: the program is plain JSON, written as it is sent.
      shellWord(JSON.stringify(JSON.parse(program)));
  return ` -H 'content-type: application/json' -d ${json}`;
}
