import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from '../errors.js';
import { envScope } from './env-scope.js';
import { crossReferenceProblems } from './cross-references.js';
import { formatPath, interpolateEnv } from './interpolate.js';
import { configSchema, type CheckName, type OpsgateConfig } from './schema.js';
import { targetSection } from './sections/target.js';
import { parseYamlConfig } from './yaml-document.js';

export interface LoadedConfig {
  config: OpsgateConfig;
  /** Absolute path of the file, used to resolve relative paths inside it. */
  file: string;
  dir: string;
  /** The document as written, before `${ENV}` interpolation (for listing what each check needs). */
  raw: Record<string, unknown>;
}

/**
 * Read, interpolate and validate `opsgate.yml`; throws one ConfigError naming every problem.
 * With `checks`, only what those checks use must have its `${ENV}` set (see env-scope.ts); a
 * section left unresolved is validated and then left out of the result.
 */
export async function loadConfig(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
  checks?: readonly CheckName[],
  opts: ParseOptions = {},
): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(
      `cannot read config ${file}${code === 'ENOENT' ? ': file not found' : `: ${code}`}`,
    );
  }
  const { config, raw } = parseConfigDocument(text, path.basename(file), env, checks, opts);
  const abs = path.resolve(file);
  return { config, raw, file: abs, dir: path.dirname(abs) };
}

export interface ParseOptions {
  /** Also check cross-references (identities, placeholders, kinds, shared abuse identities): `opsgate validate`. */
  crossReferences?: boolean;
}

export function parseConfigText(
  text: string,
  fileLabel: string,
  env: NodeJS.ProcessEnv = process.env,
  checks?: readonly CheckName[],
  opts: ParseOptions = {},
): OpsgateConfig {
  return parseConfigDocument(text, fileLabel, env, checks, opts).config;
}

function parseConfigDocument(
  text: string,
  fileLabel: string,
  env: NodeJS.ProcessEnv,
  checks: readonly CheckName[] | undefined,
  opts: ParseOptions,
): { config: OpsgateConfig; raw: Record<string, unknown> } {
  const doc = parseYamlConfig(text, fileLabel);
  const raw = doc.value ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError([
      { file: fileLabel, line: 1, path: '', message: 'expected a mapping at the top level' },
    ]);
  }
  const problems: ConfigProblem[] = [];
  const envProblems: ConfigProblem[] = [];
  const interpolated = interpolateEnv(raw, env, envProblems) as Record<string, unknown>;
  const scope = checks && envScope(raw as Record<string, unknown>, checks);
  // Only an unset variable can wait for the check that needs it; a malformed reference is always an error.
  const deferred = scope
    ? envProblems.filter((p) => !scope.needs(p.path) && / is not set$/.test(p.message))
    : [];
  for (const p of envProblems)
    if (!deferred.includes(p)) problems.push({ ...p, file: fileLabel, line: doc.lineOf(parsePath(p.path)) });

  const parsed = configSchema.safeParse(interpolated, { reportInput: true });
  if (!parsed.success) {
    const reported = new Set(envProblems.map((p) => p.path));
    for (const issue of flattenIssues(parsed.error.issues)) {
      const at = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
      // A value emptied by a missing ${ENV} was already reported; one problem per cause.
      if (reported.has(formatPath(at))) continue;
      problems.push({
        file: fileLabel,
        line: doc.lineOf(at),
        path: formatPath(at),
        message: describeIssue(issue),
      });
    }
  }
  if (!problems.length && opts.crossReferences && parsed.success)
    for (const p of crossReferenceProblems(parsed.data))
      problems.push({ ...p, file: fileLabel, line: doc.lineOf(parsePath(p.path)) });
  if (problems.length) throw new ConfigError(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  const document = raw as Record<string, unknown>;
  if (parsed.success) return { config: parsed.data, raw: document };
  // Only values of unresolved, unneeded sections failed: the command runs without those sections.
  // Only a command that runs no check (gate, publish, validate) can lose `target`: it never reads it.
  const config = withoutTargetSchema.parse(withoutSections(interpolated, deferred)) as OpsgateConfig;
  return { config, raw: document };
}

const withoutTargetSchema = configSchema.extend({ target: targetSection.optional() });

/** A copy without the top-level sections (or single identities) the problems point into. */
function withoutSections(
  config: Record<string, unknown>,
  problems: ConfigProblem[],
): Record<string, unknown> {
  const split = problems.map((p) => p.path.split(/[.[]/, 2));
  const droppedIdentities = new Set(split.filter(([t, id]) => t === 'identities' && id).map(([, id]) => id));
  const droppedSections = new Set(split.filter(([t]) => t !== 'identities').map(([t]) => t));
  const out = Object.fromEntries(Object.entries(config).filter(([k]) => !droppedSections.has(k)));
  if (config.identities && typeof config.identities === 'object')
    out.identities = Object.fromEntries(
      Object.entries(config.identities).filter(([name]) => !droppedIdentities.has(name)),
    );
  return out;
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
export function lineOfKey(text: string, at: readonly (string | number)[]): number {
  return parseYamlConfig(text, 'opsgate.yml').lineOf(at) ?? 1;
}

/** `rbac.matrix[2].expect` → `['rbac', 'matrix', 2, 'expect']` */
function parsePath(dotted: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const m of dotted.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    parts.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return parts;
}
