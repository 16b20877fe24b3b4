import type { RbacFixture, RbacMatrixRow } from '../../core/config/sections/rbac.js';
import { readJsonPath } from '../../engines/http/json-path.js';
import type { TargetClient } from '../../engines/http/sessions.js';
import { answerText } from './answer-text.js';

/** Replace `{name}` in a string; unknown names are left as they are. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  if (!template.includes('{')) return template;
  return template.replace(/\{([A-Za-z0-9_.-]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Fill placeholders in every string of a JSON body. A string that is exactly `{n}` of a number stays a number. */
export function fillBody(body: unknown, values: Record<string, string>): unknown {
  if (typeof body === 'string') {
    const whole = /^\{([A-Za-z0-9_.-]+)\}$/.exec(body);
    if (whole && values[whole[1]!] !== undefined && /^-?\d+$/.test(values[whole[1]!]!))
      return Number(values[whole[1]!]);
    return fillTemplate(body, values);
  }
  if (Array.isArray(body)) return body.map((b) => fillBody(b, values));
  if (body && typeof body === 'object')
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, fillBody(v, values)]));
  return body;
}

/** A record the probe created; `cleanup` says how it ended. */
export interface CreatedRecord {
  fixture: string;
  id: string;
  createdBy: string;
  cleanup: 'pending' | 'deleted' | 'already-gone' | 'failed' | 'no-cleanup-request';
  cleanupStatus?: number;
  /** How a failed cleanup (or the search for an unnamed record) answered: status and redacted body start. */
  answer?: string;
}

/** A fixture could not be provided; the cells that need it fail with this reason. */
export class FixtureError extends Error {
  override name = 'FixtureError';
}

type CreatedFixture = Exclude<RbacFixture, string | number>;
type RowCleanup = NonNullable<RbacMatrixRow['cleanup']>;

/**
 * Provides placeholder values: static ones as configured, created ones by POSTing as the
 * configured identity (once per run, or once per cell for DELETE cells) and deleting them again.
 */
export class FixtureManager {
  readonly created: CreatedRecord[] = [];
  private readonly shared = new Map<string, Promise<CreatedRecord>>();
  private readonly statics: Record<string, string> = {};

  constructor(
    private readonly client: TargetClient,
    private readonly fixtures: Record<string, RbacFixture>,
  ) {
    for (const [name, f] of Object.entries(fixtures))
      if (typeof f !== 'object') this.statics[name] = String(f);
  }

  /** Whether providing these placeholders means creating records (a destructive act). */
  needsCreation(placeholders: string[]): boolean {
    return placeholders.some((p) => typeof this.fixtures[p] === 'object');
  }

  /** Values for one cell and a release function that deletes per-cell records. */
  async acquire(
    placeholders: string[],
  ): Promise<{ values: Record<string, string>; release: () => Promise<void> }> {
    const values: Record<string, string> = { ...this.statics };
    const own: CreatedRecord[] = [];
    const release = async (): Promise<void> => {
      for (const r of own) await this.cleanup(r);
    };
    try {
      for (const p of placeholders) {
        const f = this.fixtures[p];
        if (typeof f !== 'object' || !f) continue;
        if (f['per-cell']) {
          const r = await this.create(p, f);
          own.push(r);
          values[p] = r.id;
        } else {
          let pending = this.shared.get(p);
          if (!pending) {
            pending = this.create(p, f);
            this.shared.set(p, pending);
          }
          values[p] = (await pending).id;
        }
      }
    } catch (err) {
      await release();
      throw err;
    }
    return { values, release };
  }

  /** Delete every shared record still standing. Safe to call more than once. */
  async cleanupAll(): Promise<void> {
    for (const pending of this.shared.values()) {
      const r = await pending.catch(() => undefined);
      if (r) await this.cleanup(r);
    }
  }

  /**
   * A cell that created something (a 2xx on a create row): delete it again with the row's
   * cleanup request. The record is kept either way, so the report shows what happened.
   */
  async cleanupCreated(
    label: string,
    createdBy: string,
    cleanup: RowCleanup,
    json: unknown,
    values: Record<string, string>,
  ): Promise<void> {
    const raw = readJsonPath(json, cleanup['id-path']);
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      this.created.push({ fixture: label, id: '?', createdBy, cleanup: 'failed' });
      return;
    }
    const record: CreatedRecord = { fixture: label, id: String(raw), createdBy, cleanup: 'pending' };
    this.created.push(record);
    await sendCleanup(this.client, cleanup.identity, cleanup, { ...values, id: record.id }, record);
  }

  private async create(name: string, f: CreatedFixture): Promise<CreatedRecord> {
    const req = f.create;
    const res = await this.client.send(req.identity, {
      method: req.method,
      path: fillTemplate(req.path, this.statics),
      body: fillBody(req.body, this.statics),
      headers: req.headers,
    });
    const id = readJsonPath(res.json, f['id-path']);
    if (res.status < 200 || res.status >= 300 || (typeof id !== 'string' && typeof id !== 'number')) {
      throw new FixtureError(
        `fixture ${name}: ${req.method} ${req.path} as ${req.identity} answered ${answerText(res)}` +
          (res.status >= 200 && res.status < 300 ? `, no id at ${f['id-path']}` : ''),
      );
    }
    const record: CreatedRecord = {
      fixture: name,
      id: String(id),
      createdBy: req.identity,
      cleanup: f.cleanup ? 'pending' : 'no-cleanup-request',
    };
    this.created.push(record);
    return record;
  }

  private async cleanup(r: CreatedRecord): Promise<void> {
    const f = this.fixtures[r.fixture] as CreatedFixture;
    if (r.cleanup !== 'pending' || !f.cleanup) return;
    await sendCleanup(
      this.client,
      f.cleanup.identity,
      f.cleanup,
      { ...this.statics, id: r.id, [r.fixture]: r.id },
      r,
    );
  }
}

/** A request that deletes what a probe created; placeholders are filled from `values`. */
export interface CleanupCall {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Send a cleanup request and record how it ended on the created record (never throws). */
export async function sendCleanup(
  client: TargetClient,
  identity: string,
  cleanup: CleanupCall,
  values: Record<string, string>,
  record: CreatedRecord,
): Promise<void> {
  try {
    const res = await client.send(
      identity,
      {
        method: cleanup.method,
        path: fillTemplate(cleanup.path, values),
        body: fillBody(cleanup.body, values),
        headers: cleanup.headers,
      },
      { cleanup: true },
    );
    record.cleanupStatus = res.status;
    record.cleanup =
      res.status === 404 || res.status === 410 ? 'already-gone' : res.status < 300 ? 'deleted' : 'failed';
    if (record.cleanup === 'failed') record.answer = answerText(res);
  } catch (err) {
    record.cleanup = 'failed';
    record.answer = (err as Error).message;
  }
}
