import { createHash } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../atomic-write.js';
import path from 'node:path';
import { evidenceSchema, type Evidence } from '../evidence/model.js';
import { redactDeep } from '../secrets.js';
import { storeKey, type EvidenceQuery, type EvidenceStore, type StoredEvidence } from './evidence-store.js';

interface Envelope {
  recordedAt: string;
  commit?: string;
  branch?: string;
  evidence: Evidence;
}

/** The evidence store as a local directory (default `.opsgate/store`). */
export class FsEvidenceStore implements EvidenceStore {
  constructor(readonly dir: string) {}

  get description(): string {
    return `directory ${this.dir}`;
  }

  async put(evidence: Evidence, meta: { commit?: string; branch?: string } = {}): Promise<StoredEvidence> {
    const env: Envelope = { recordedAt: new Date().toISOString(), ...meta, evidence: redactDeep(evidence) };
    const json = JSON.stringify(env, null, 2) + '\n';
    const sha256 = createHash('sha256').update(json).digest('hex');
    const key = storeKey(evidence, sha256, meta.commit);
    await mkdir(path.dirname(path.join(this.dir, key)), { recursive: true });
    await writeFileAtomic(path.join(this.dir, key), json);
    return { key, check: evidence.check, sha256, ...env };
  }

  async list(check: string, q: EvidenceQuery = {}): Promise<StoredEvidence[]> {
    const root = path.join(this.dir, 'evidence', check);
    const files: string[] = [];
    for (const day of await safeReaddir(root)) {
      for (const f of await safeReaddir(path.join(root, day)))
        if (f.endsWith('.json')) files.push(path.join(day, f));
    }
    files.sort().reverse();
    const out: StoredEvidence[] = [];
    for (const f of files) {
      const text = await readFile(path.join(root, f), 'utf8');
      const env = JSON.parse(text) as Envelope;
      if (q.branch && env.branch !== q.branch) continue;
      if (q.commit && env.commit !== q.commit) continue;
      const parsed = evidenceSchema.safeParse(env.evidence);
      if (!parsed.success) continue;
      out.push({
        key: `evidence/${check}/${f}`,
        check,
        sha256: createHash('sha256').update(text).digest('hex'),
        recordedAt: env.recordedAt,
        commit: env.commit,
        branch: env.branch,
        evidence: parsed.data,
      });
      if (q.limit && out.length >= q.limit) break;
    }
    return out;
  }

  async appendRecord(log: string, record: Record<string, unknown>): Promise<void> {
    const file = path.join(this.dir, 'logs', `${log}.jsonl`);
    await mkdir(path.dirname(file), { recursive: true });
    await appendFile(file, JSON.stringify(redactDeep(record)) + '\n');
  }

  async readRecords(log: string): Promise<Record<string, unknown>[]> {
    try {
      const text = await readFile(path.join(this.dir, 'logs', `${log}.jsonl`), 'utf8');
      return text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    } catch {
      return [];
    }
  }
}

async function safeReaddir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}
