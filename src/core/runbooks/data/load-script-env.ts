import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ENV_REFERENCE } from '../../config/interpolate.js';
import type { OpsgateConfig } from '../../config/schema.js';
import { parseYamlConfig } from '../../config/yaml-document.js';
import type { Evidence } from '../../evidence/model.js';
import { shellComment, shellConcat, type ShellPart } from '../shell.js';

/**
 * What the load runbook's re-run of the generated k6 script must export first. The script reads
 * every secret from `OPSGATE_SECRET_<n>` (src/engines/k6/generate-script.ts); the load evidence
 * records which ones and where each value belongs (src/checks/load/script-env.ts), names only.
 * The `${ENV}` the user wrote at that place in opsgate.yml says which of their own variables
 * holds the value, so the export reads from it and no value is ever written here.
 */

/** A variable the script reads and where its value is used (`identities.viewer.login.body.password`). */
export interface ScriptVariable {
  name: string;
  description: string;
}

const NAME = /^OPSGATE_SECRET_\d+$/;

/**
 * The script's variables: recorded in the evidence, else read from the header of the script
 * artifact (evidence written before the list was recorded). Undefined when neither says.
 */
export async function scriptVariables(
  e: Evidence,
  outDir: string,
  script: string | undefined,
): Promise<ScriptVariable[] | undefined> {
  const recorded = e.data?.scriptEnv;
  if (Array.isArray(recorded))
    // Evidence is input like any other: only entries shaped like ours are used.
    return recorded.flatMap((v: unknown) => {
      const o = v as Partial<ScriptVariable> | null;
      return o && typeof o.name === 'string' && NAME.test(o.name) && typeof o.description === 'string'
        ? [{ name: o.name, description: o.description }]
        : [];
    });
  if (!script) return undefined;
  const file = path.resolve(outDir, script);
  if (path.relative(outDir, file).startsWith('..') || !existsSync(file)) return undefined;
  const header = (await readFile(file, 'utf8').catch(() => '')).split('*/')[0] ?? '';
  if (!header.includes('Secrets are read from the environment')) return undefined;
  return [...header.matchAll(/^ \* {3}(OPSGATE_SECRET_\d+) {2}(.*)$/gm)].map((m) => ({
    name: m[1]!,
    description: m[2]!,
  }));
}

/** opsgate.yml as written (before `${ENV}` interpolation), when it can be read. */
export async function rawConfig(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    const value = parseYamlConfig(await readFile(file, 'utf8'), path.basename(file)).value;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

type Segment = string | number;

function segmentsOf(use: string): Segment[] {
  return [...use.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

function at(raw: unknown, segs: Segment[]): unknown {
  let cur = raw;
  for (const s of segs) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, String(s))) return undefined;
    cur = (cur as Record<string, unknown>)[String(s)];
  }
  return cur;
}

const dotted = (segs: Segment[]): string =>
  segs.map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? `.${s}` : s)).join('');

/** Where in opsgate.yml a script value comes from: candidate places, first set one wins. */
interface Source {
  places: { segs: Segment[]; prefix?: string }[];
  /** Why no single place holds the value (an encoded header). */
  note?: string;
}

function sourceOf(use: string, config: OpsgateConfig): Source {
  const [top, a, b, c, ...rest] = segmentsOf(use);
  if (top === 'identities' && typeof a === 'string') {
    const id = Object.hasOwn(config.identities, a) ? config.identities[a] : undefined;
    if (b === 'login' && c === 'body')
      return {
        places: [
          { segs: ['identities', a, 'login', 'body', ...rest] },
          { segs: ['identities', a, 'login', 'form', ...rest] },
        ],
      };
    if (b === 'login' && c === 'headers')
      return { places: [{ segs: ['identities', a, 'login', 'headers', ...rest] }] };
    if (b === 'headers' && typeof c === 'string' && !rest.length) {
      // The plan's headers: the credential header, over the identity's own, over target.headers.
      if (id?.kind === 'bearer' && c === 'Authorization')
        return { places: [{ segs: ['identities', a, 'token'], prefix: 'Bearer ' }] };
      if (id?.kind === 'api-key' && c === id.header)
        return { places: [{ segs: ['identities', a, 'value'] }] };
      if (id?.kind === 'basic' && c === 'Authorization')
        return {
          places: [],
          note: `"Basic " and the base64 of username:password of identities.${a}`,
        };
      return {
        places: [
          { segs: ['identities', a, 'headers', c] },
          ...(id?.['target-headers'] === false ? [] : [{ segs: ['target', 'headers', c] }]),
        ],
      };
    }
  }
  if (top === 'endpoints' && typeof a === 'number' && b === 'headers' && c !== undefined && !rest.length)
    return { places: [{ segs: ['load', 'endpoints', a, 'headers', c] }] };
  if (top === 'endpoints' && typeof a === 'number' && b === 'body')
    return { places: [], note: `the JSON text of load.endpoints[${a}].body, with its secrets filled in` };
  if (top === 'baseUrl') return { places: [{ segs: ['target', 'base-url'] }] };
  return { places: [] };
}

/** A value as written in opsgate.yml, as shell: its `${NAME}` references become the user's variables. */
function fromTemplate(written: string, prefix = ''): { parts: ShellPart[]; names: string[] } {
  const parts: ShellPart[] = [prefix];
  const names: string[] = [];
  const literal = (t: string): void => {
    const prev = parts.at(-1);
    if (typeof prev === 'string') parts[parts.length - 1] = prev + t;
    else parts.push(t);
  };
  let last = 0;
  for (const m of written.matchAll(ENV_REFERENCE)) {
    literal(written.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[0] === '$${') {
      literal('${');
      continue;
    }
    names.push(m[1]!);
    // A `:-default` is not repeated here: it may be the value itself.
    parts.push({ variable: m[1]!, required: `set ${m[1]!} first (from your secret store)` });
  }
  literal(written.slice(last));
  return { parts: parts.filter((p) => p !== ''), names };
}

/**
 * `export OPSGATE_SECRET_<n>=…` lines, each after a comment saying where the value is used and
 * which of the user's variables holds it. A value opsgate.yml does not take from a variable gets
 * a placeholder that stops bash with a message until it is filled in.
 */
export function exportLines(
  vars: ScriptVariable[],
  config: OpsgateConfig,
  raw: Record<string, unknown> | undefined,
): string[] {
  const lines: string[] = [];
  for (const v of vars) {
    const uses = v.description.split(', ');
    let found: { place: string; parts: ShellPart[]; names: string[] } | undefined;
    let literalAt: string | undefined;
    let note: string | undefined;
    for (const use of uses) {
      const source = sourceOf(use, config);
      note ??= source.note;
      for (const p of raw ? source.places : []) {
        const written = at(raw, p.segs);
        if (typeof written !== 'string') continue;
        const t = fromTemplate(written, p.prefix);
        if (t.names.length) found ??= { place: dotted(p.segs), ...t };
        else literalAt ??= dotted(p.segs);
        break;
      }
      if (found) break;
    }
    if (found) {
      const refs = found.names.map((n) => `\${${n}}`).join(', ');
      // The variable first: a long list of uses is what a cut comment loses.
      lines.push(`# ${shellComment(`${refs} from ${found.place} in opsgate.yml, used at ${v.description}`)}`);
      lines.push(`export ${v.name}=${shellConcat(found.parts)}`);
      continue;
    }
    const what = literalAt
      ? `the value written at ${literalAt} in opsgate.yml`
      : (note ?? 'the value opsgate.yml gives it (from your secret store)');
    lines.push(`# ${shellComment(`${v.description}: ${what}`)}`);
    lines.push(`export ${v.name}="\${${v.name}:?fill it in first, see the comment above}"`);
  }
  return lines;
}
