/**
 * The YAML parse boundary of opsgate.yml. The document is turned into plain data by our own
 * walk over the parser's node tree, so every rule is checked with its line before any value is used:
 * - `__proto__`, `constructor` and `prototype` keys are refused anywhere (they would reach
 *   object prototypes and, e.g., switch `allow-destructive` on for every section);
 * - aliases must resolve, must not contain themselves, and may not expand past a budget (alias bombs);
 * - nesting is bounded, keys are scalars and unique, values carry no control characters;
 * - the cost is linear in the file: js-yaml's event parser (about 15× faster than a full document
 *   model here), one walk, a Set per mapping, and a path → line index for messages.
 */
import { ConfigError, type ConfigProblem } from '../errors.js';
import { formatPath } from './interpolate.js';
import { parseYamlTree, YamlSyntaxError, type YamlNode } from './yaml-events.js';

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

/** Offset → 1-based line, by binary search over the line starts. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

export function parseYamlConfig(text: string, fileLabel: string): ParsedYaml {
  const at = lineIndex(text);
  const problems: ConfigProblem[] = [];
  // Paths are carried as their dotted text (`rbac.matrix[2]`): built once per node, no arrays.
  const problem = (line: number, path: string, message: string): void => {
    problems.push({ file: fileLabel, line, path, message });
  };
  let root: YamlNode | null;
  try {
    // The parser's own depth limit is only a stack guard; the walk reports MAX_DEPTH with its path.
    const tree = parseYamlTree(text, MAX_DEPTH * 2);
    if (tree.extraDocumentAt !== undefined)
      problem(at(tree.extraDocumentAt), '', 'only one YAML document is allowed (found another after ---)');
    root = tree.root;
  } catch (err) {
    if (!(err instanceof YamlSyntaxError)) throw err;
    throw new ConfigError([{ file: fileLabel, line: at(err.offset), path: '', message: err.reason }]);
  }

  const lines = new Map<string, number>();
  const building = new Set<YamlNode>();
  let expanded = 0;

  const build = (n: YamlNode | undefined, path: string, depth: number, viaAlias: boolean): unknown => {
    if (!n) return null;
    const line = at(n.offset);
    if (depth > MAX_DEPTH) {
      problem(line, path, `nested deeper than ${MAX_DEPTH} levels`);
      return null;
    }
    if (viaAlias && ++expanded > MAX_ALIAS_EXPANSION) {
      if (expanded === MAX_ALIAS_EXPANSION + 1)
        problem(line, path, `aliases expand to more than ${MAX_ALIAS_EXPANSION} values (an alias bomb?)`);
      return null;
    }
    if (n.kind === 'alias') {
      if (!n.target) {
        problem(line, path, `unknown alias *${n.name}`);
        return null;
      }
      if (building.has(n.target)) {
        problem(line, path, `alias *${n.name} refers to a node that contains it`);
        return null;
      }
      return build(n.target, path, depth, true);
    }
    if (n.kind === 'scalar') {
      const v = n.value;
      if (n.bad) problem(line, path, n.bad);
      else if (typeof v === 'string' && CONTROL.test(v)) {
        problem(line, path, 'control characters are not allowed in a value');
        return null;
      }
      return v instanceof Uint8Array ? '[binary]' : v;
    }
    building.add(n);
    try {
      if (n.kind === 'seq')
        return n.items.map((item, i) => {
          const p = `${path}[${i}]`;
          if (!viaAlias) lines.set(p, at(item.offset));
          return build(item, p, depth + 1, viaAlias);
        });
      const out: Record<string, unknown> = {};
      const seen = new Set<string>();
      for (let i = 0; i < n.items.length; i += 2) {
        const keyNode = n.items[i]!;
        const keyLine = at(keyNode.offset);
        if (
          keyNode.kind !== 'scalar' ||
          keyNode.bad ||
          (typeof keyNode.value === 'object' && keyNode.value !== null)
        ) {
          problem(keyLine, path, 'keys must be plain scalars');
          continue;
        }
        const key = String(keyNode.value);
        const p = path ? `${path}.${key}` : key;
        if (FORBIDDEN_KEYS.has(key)) {
          problem(keyLine, p, `"${key}" is not allowed as a key`);
          continue;
        }
        if (seen.has(key)) {
          problem(keyLine, p, `duplicate key "${key}"`);
          continue;
        }
        seen.add(key);
        if (!viaAlias) lines.set(p, keyLine);
        out[key] = build(n.items[i + 1], p, depth + 1, viaAlias);
      }
      return out;
    } finally {
      building.delete(n);
    }
  };
  const value = build(root ?? undefined, '', 0, false);
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
