import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../atomic-write.js';
import path from 'node:path';
import type { Evidence } from '../evidence/model.js';
import { redactDeep } from '../secrets.js';
import { storeKey, type EvidenceQuery, type EvidenceStore, type StoredEvidence } from './evidence-store.js';
import { oncePerRecord, parseLogLines, readStoredRecord, recordText, sealRecord } from './stored-record.js';

export interface FsStoreOptions {
  log?: (message: string) => void;
  /**
   * Why this directory must not be read for baselines and history, if it must not: on a CI run
   * that is not trusted, the checked-out directory holds whatever the pull request committed.
   * Writes still land here; reads answer nothing.
   */
  historyRefused?: string;
}

/** The evidence store as a local directory (default `.opsgate/store`). */
export class FsEvidenceStore implements EvidenceStore {
  private readonly warnFor: ReturnType<typeof oncePerRecord>;
  private refusalSaid = false;

  constructor(
    readonly dir: string,
    private readonly opts: FsStoreOptions = {},
  ) {
    this.warnFor = oncePerRecord(`directory ${dir}`, opts.log);
  }

  get description(): string {
    return `directory ${this.dir}`;
  }

  async put(evidence: Evidence, meta: { commit?: string; branch?: string } = {}): Promise<StoredEvidence> {
    const env = sealRecord(evidence, meta);
    const key = storeKey(env.evidence, env.sha256, meta.commit);
    await mkdir(path.dirname(path.join(this.dir, key)), { recursive: true });
    await writeFileAtomic(path.join(this.dir, key), recordText(env));
    return { key, check: evidence.check, ...env };
  }

  async list(check: string, q: EvidenceQuery = {}): Promise<StoredEvidence[]> {
    if (this.refused()) return [];
    const root = path.join(this.dir, 'evidence', check);
    const files: string[] = [];
    for (const day of await safeReaddir(root)) {
      for (const f of await safeReaddir(path.join(root, day)))
        if (f.endsWith('.json')) files.push(path.join(day, f));
    }
    files.sort().reverse();
    const out: StoredEvidence[] = [];
    for (const f of files) {
      const key = `evidence/${check}/${f}`;
      const text = await readFile(path.join(root, f), 'utf8').catch(() => '');
      const record = readStoredRecord(key, check, text, q, this.warnFor(key));
      if (!record) continue;
      out.push(record);
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
    if (this.refused()) return [];
    let text: string;
    try {
      text = await readFile(path.join(this.dir, 'logs', `${log}.jsonl`), 'utf8');
    } catch {
      return [];
    }
    return parseLogLines(log, text, this.warnFor);
  }

  /** True (and said once) when history must not be read from this directory. */
  private refused(): boolean {
    if (!this.opts.historyRefused) return false;
    if (!this.refusalSaid)
      (this.opts.log ?? ((m: string) => process.stderr.write(`${m}\n`)))(
        `opsgate: baselines and history are not read from ${this.description}: ${this.opts.historyRefused}`,
      );
    this.refusalSaid = true;
    return true;
  }
}

async function safeReaddir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}
