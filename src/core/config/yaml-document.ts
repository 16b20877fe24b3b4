/**
 * The YAML parse boundary of opsgate.yml. The document is turned into plain data by our own
 * walk, not `toJS()`, so every rule is checked with its line before any value is used:
 * - `__proto__`, `constructor` and `prototype` keys are refused anywhere (they would reach
 *   object prototypes and, e.g., switch `allow-destructive` on for every section);
 * - aliases must resolve, must not contain themselves, and may not expand past a budget (alias bombs);
 * - nesting is bounded, keys are scalars and unique, values carry no control characters;
 * - the cost is linear in the file: one walk, a Set per mapping, a path → line index for messages.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ConfigError, type ConfigProblem } from '../errors.js';
import { formatPath } from './interpolate.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than any real opsgate.yml; keeps every recursive step far from the stack limit. */
export const MAX_DEPTH = 64;
/** Values produced through aliases beyond the document's own nodes (an alias bomb multiplies them). */
export const MAX_ALIAS_EXPANSION = 10_000;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export interface ParsedYaml {
  value: unknown;
  /** Line of a YAML path (or of its nearest ancestor that exists in the file). */
  lineOf(path: readonly PropertyKey[]): number;
}

type Path = (string | number)[];

export function parseYamlConfig(text: string, fileLabel: string): ParsedYaml {
  const lc = new LineCounter();
  const problems: ConfigProblem[] = [];
  const at = (offset: number | undefined): number => (offset === undefined ? 1 : lc.linePos(offset).line);
  const problem = (line: number, path: Path, message: string): void => {
    problems.push({ file: fileLabel, line, path: formatPath(path), message });
  };
  let doc: Document;
  // The yaml parser reads process.env (LOG_TOKENS) once per token; the real env object calls into
  // the C++ environment each time. A plain copy for the synchronous parse keeps a 1 MB file fast.
  const realEnv = process.env;
  process.env = { ...realEnv };
  try {
    // uniqueKeys off: the library compares each key with all earlier ones (quadratic); the walk
    // below finds duplicates with a Set instead.
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  } catch (err) {
    throw new ConfigError([{ file: fileLabel, line: 1, path: '', message: `cannot parse: ${String(err)}` }]);
  } finally {
    process.env = realEnv;
  }
  for (const e of doc.errors) problem(at(e.pos[0]), [], e.message.split('\n')[0]!);
  if (problems.length) throw new ConfigError(problems);

  const lines = new Map<string, number>();
  const building = new Set<Node>();
  let expanded = 0;

  const build = (node: unknown, path: Path, depth: number, viaAlias: boolean): unknown => {
    if (node === null || node === undefined) return null;
    const n = node as Node;
    const line = at(n.range?.[0]);
    if (depth > MAX_DEPTH) {
      problem(line, path, `nested deeper than ${MAX_DEPTH} levels`);
      return null;
    }
    if (viaAlias && ++expanded > MAX_ALIAS_EXPANSION) {
      if (expanded === MAX_ALIAS_EXPANSION + 1)
        problem(line, path, `aliases expand to more than ${MAX_ALIAS_EXPANSION} values (an alias bomb?)`);
      return null;
    }
    if (isAlias(n)) {
      const target = n.resolve(doc);
      if (!target) {
        problem(line, path, `unknown alias *${n.source}`);
        return null;
      }
      if (building.has(target)) {
        problem(line, path, `alias *${n.source} refers to a node that contains it`);
        return null;
      }
      return build(target, path, depth, true);
    }
    if (isScalar(n)) {
      const v = n.value;
      if (typeof v === 'string' && CONTROL.test(v)) {
        problem(line, path, 'control characters are not allowed in a value');
        return null;
      }
      return v instanceof Uint8Array ? '[binary]' : (v ?? null);
    }
    building.add(n);
    try {
      if (isSeq(n))
        return n.items.map((item, i) => {
          const p = [...path, i];
          const r = (item as Node | null)?.range;
          if (r && !viaAlias) lines.set(formatPath(p), at(r[0]));
          return build(item, p, depth + 1, viaAlias);
        });
      if (isMap(n)) {
        const out: Record<string, unknown> = {};
        const seen = new Set<string>();
        for (const pair of n.items) {
          const keyNode = pair.key as Node | null;
          const keyLine = at(keyNode?.range?.[0] ?? n.range?.[0]);
          if (!isScalar(keyNode) || (typeof keyNode.value === 'object' && keyNode.value !== null)) {
            problem(keyLine, path, 'keys must be plain scalars');
            continue;
          }
          const key = String(keyNode.value);
          const p = [...path, key];
          if (FORBIDDEN_KEYS.has(key)) {
            problem(keyLine, p, `"${key}" is not allowed as a key`);
            continue;
          }
          if (seen.has(key)) {
            problem(keyLine, p, `duplicate key "${key}"`);
            continue;
          }
          seen.add(key);
          if (!viaAlias) lines.set(formatPath(p), keyLine);
          out[key] = build(pair.value, p, depth + 1, viaAlias);
        }
        return out;
      }
      problem(line, path, 'unsupported YAML node');
      return null;
    } finally {
      building.delete(n);
    }
  };
  const value = build(doc.contents, [], 0, false);
  if (problems.length) throw new ConfigError(problems);
  return {
    value,
    lineOf(path) {
      for (let i = path.length; i > 0; i--) {
        const line = lines.get(formatPath(path.slice(0, i)));
        if (line !== undefined) return line;
      }
      return 1;
    },
  };
}
