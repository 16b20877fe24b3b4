import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from '../errors.js';
import { formatPath, interpolateEnv } from './interpolate.js';
import { configSchema, type OpsgateConfig } from './schema.js';

export interface LoadedConfig {
  config: OpsgateConfig;
  /** Absolute path of the file, used to resolve relative paths inside it. */
  file: string;
  dir: string;
}

/** Read, interpolate and validate `opsgate.yml`; throws one ConfigError naming every problem. */
export async function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(
      `cannot read config ${file}${code === 'ENOENT' ? ': file not found' : `: ${code}`}`,
    );
  }
  const config = parseConfigText(text, path.basename(file), env);
  const abs = path.resolve(file);
  return { config, file: abs, dir: path.dirname(abs) };
}

export function parseConfigText(
  text: string,
  fileLabel: string,
  env: NodeJS.ProcessEnv = process.env,
): OpsgateConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: ConfigProblem[] = [];
  for (const e of doc.errors) {
    problems.push({
      file: fileLabel,
      line: lineCounter.linePos(e.pos[0]).line,
      path: '',
      message: e.message.split('\n')[0]!,
    });
  }
  if (problems.length) throw new ConfigError(problems);

  const raw = doc.toJS() ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError([
      { file: fileLabel, line: 1, path: '', message: 'expected a mapping at the top level' },
    ]);
  }
  const envProblems: ConfigProblem[] = [];
  const interpolated = interpolateEnv(raw, env, envProblems);
  for (const p of envProblems)
    problems.push({ ...p, file: fileLabel, line: lineOf(doc, lineCounter, p.path) });

  const parsed = configSchema.safeParse(interpolated, { reportInput: true });
  if (!parsed.success) {
    const reported = new Set(envProblems.map((p) => p.path));
    for (const issue of flattenIssues(parsed.error.issues)) {
      const at = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
      // A value emptied by a missing ${ENV} was already reported; one problem per cause.
      if (reported.has(formatPath(at))) continue;
      problems.push({
        file: fileLabel,
        line: lineOfPath(doc, lineCounter, at),
        path: formatPath(at),
        message: describeIssue(issue),
      });
    }
  }
  if (problems.length) throw new ConfigError(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  return parsed.data!;
}

/** Discriminated-union failures hide the useful issue one level down; surface it. */
function flattenIssues(issues: z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  for (const i of issues) {
    if (i.code === 'invalid_union' && i.errors.length === 1) {
      out.push(...flattenIssues(i.errors[0]!.map((e) => ({ ...e, path: [...i.path, ...e.path] }))));
    } else out.push(i);
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  if (issue.code === 'unrecognized_keys')
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type' && input === undefined) return `required (expected ${issue.expected})`;
  const message = issue.message.replace(/^Invalid (input|option): /, '');
  if (issue.code === 'invalid_type' && /received/.test(message))
    return `expected ${issue.expected}, got ${show(input)}`;
  if (input !== undefined && /^expected /.test(message) && !/, got /.test(message))
    return `${message}, got ${show(input)}`;
  return message;
}

function show(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return JSON.stringify(v);
}

/**
 * The line (1-based) of a key path in config text, e.g. `['dast']`: where a setting is written,
 * so reports (SARIF locations) can point at it. A missing key gives the line of its parent.
 */
export function lineOfKey(text: string, at: readonly PropertyKey[]): number {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  return lineOfPath(doc, lineCounter, at) ?? 1;
}

function lineOfPath(doc: Document, lc: LineCounter, at: readonly PropertyKey[]): number | undefined {
  // Walk down as far as the document goes; a missing key is reported at its parent.
  let node: unknown = doc.contents;
  let line: number | undefined = 1;
  for (const key of at) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
      if (!pair) break;
      const keyNode = pair.key as { range?: [number, number, number] };
      if (keyNode.range) line = lc.linePos(keyNode.range[0]).line;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      const r = (node as { range?: [number, number, number] } | undefined)?.range;
      if (r) line = lc.linePos(r[0]).line;
    } else break;
  }
  return line;
}

function lineOf(doc: Document, lc: LineCounter, dotted: string): number | undefined {
  const parts: (string | number)[] = [];
  for (const m of dotted.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    parts.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return lineOfPath(doc, lc, parts);
}
