import { createHash } from 'node:crypto';
import { evidenceSchema, type Evidence } from '../evidence/model.js';
import { redactDeep } from '../secrets.js';
import type { StoredEvidence } from './evidence-store.js';

/**
 * One stored record on disk or on the evidence branch: what, where and when, plus the content
 * hash. Both stores write and read records only through this module, so every record a baseline,
 * a diff or a drill log comes from has passed the same checks.
 */
export interface RecordEnvelope {
  recordedAt: string;
  commit?: string;
  branch?: string;
  /** sha256 of `JSON.stringify(evidence)`. */
  sha256: string;
  evidence: Evidence;
}

/** How far a record's dates may lie ahead of this machine's clock (runner clocks drift). */
export const FUTURE_SKEW_MS = 10 * 60_000;

export function contentHash(evidence: unknown): string {
  return createHash('sha256').update(JSON.stringify(evidence)).digest('hex');
}

/** The envelope of new evidence: redacted, hashed, stamped now. */
export function sealRecord(
  evidence: Evidence,
  meta: { commit?: string; branch?: string } = {},
  recordedAt = new Date().toISOString(),
): RecordEnvelope {
  const clean = redactDeep(evidence);
  return { recordedAt, ...meta, sha256: contentHash(clean), evidence: clean };
}

export function recordText(env: RecordEnvelope): string {
  return JSON.stringify(env, null, 2) + '\n';
}

export interface RecordFilter {
  branch?: string;
  commit?: string;
}

/**
 * The record stored as `key`, or undefined when it must not be used: not JSON, no content hash,
 * a hash that does not match the body, evidence that does not validate, another check, or a date
 * in the future (a record "from 2099" would stay the newest baseline forever). Each refusal is
 * one `warn` line naming the record; a refused record never throws.
 */
export function readStoredRecord(
  key: string,
  check: string,
  text: string,
  filter: RecordFilter,
  warn: (reason: string) => void,
  now = Date.now(),
): StoredEvidence | undefined {
  let env: Partial<RecordEnvelope>;
  try {
    env = JSON.parse(text) as Partial<RecordEnvelope>;
  } catch {
    return void warn('not valid JSON');
  }
  if (!env || typeof env !== 'object') return void warn('not a record');
  if (filter.branch && env.branch !== filter.branch) return undefined;
  if (filter.commit && env.commit !== filter.commit) return undefined;
  if (typeof env.sha256 !== 'string') return void warn('no content hash (sha256)');
  if (contentHash(env.evidence) !== env.sha256) return void warn('does not match its content hash (sha256)');
  const parsed = evidenceSchema.safeParse(env.evidence);
  if (!parsed.success)
    return void warn(
      `not valid evidence (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`,
    );
  if (parsed.data.check !== check) return void warn(`holds ${parsed.data.check} evidence, not ${check}`);
  const recordedAt = typeof env.recordedAt === 'string' ? env.recordedAt : '';
  for (const [name, at] of [
    ['recordedAt', recordedAt],
    ['run.startedAt', parsed.data.run.startedAt],
  ] as const) {
    const t = Date.parse(at);
    if (!Number.isFinite(t)) return void warn(`${name} is not a date`);
    if (t > now + FUTURE_SKEW_MS) return void warn(`${name} ${at} is in the future`);
  }
  return {
    key,
    check,
    recordedAt,
    commit: typeof env.commit === 'string' ? env.commit : undefined,
    branch: typeof env.branch === 'string' ? env.branch : undefined,
    sha256: env.sha256,
    evidence: parsed.data,
  };
}

/** A warn function that says each refused record once per store (lists are read repeatedly). */
export function oncePerRecord(
  where: string,
  log: ((message: string) => void) | undefined,
): (key: string) => (reason: string) => void {
  const said = new Set<string>();
  return (key) => (reason) => {
    if (said.has(key)) return;
    said.add(key);
    (log ?? ((m: string) => process.stderr.write(`${m}\n`)))(
      `opsgate: ignored store record ${key} in ${where}: ${reason}`,
    );
  };
}

/** The objects of a `.jsonl` log; a line that is not a JSON object is skipped with a warning. */
export function parseLogLines(
  log: string,
  text: string,
  warnFor: (key: string) => (reason: string) => void,
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (!line) continue;
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch {
      r = undefined;
    }
    if (r && typeof r === 'object' && !Array.isArray(r)) out.push(r as Record<string, unknown>);
    else warnFor(`logs/${log}.jsonl:${i + 1}`)('not a JSON object');
  }
  return out;
}
