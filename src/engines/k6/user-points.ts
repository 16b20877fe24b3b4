/**
 * Per-endpoint raw metrics of a user's own k6 script, from k6's `--out json=` stream. An
 * endpoint is the request's `name` tag when the script set one, otherwise its URL grouped as
 * `METHOD /path` with ids (numbers, UUIDs, long hex) folded to `{id}` so one route is one row.
 */
import { open } from 'node:fs/promises';
import { recordLatency } from '../../core/baseline/latency-histogram.js';
import { emptyRawEndpoint, type RawEndpoint } from '../load-plan.js';

/** More distinct endpoints than this go to one `other` row: a script with unique URLs must not blow up the report. */
export const MAX_ENDPOINTS = 50;

interface K6Point {
  type: string;
  metric: string;
  data: { value: number; tags?: Record<string, string> };
}

const ID_SEGMENT = /^(?:\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,})$/i;

/** `http://h:1/api/companies/42?x=1` → `/api/companies/{id}`. */
export function urlGroup(url: string): string {
  let p: string;
  try {
    p = new URL(url).pathname;
  } catch {
    p = url.split('?')[0] ?? url;
  }
  return p
    .split('/')
    .map((s) => (ID_SEGMENT.test(s) ? '{id}' : s))
    .join('/');
}

/** k6 sets `name` (and `url`) to the full URL unless the script named the request. */
export function endpointKey(tags: Record<string, string>): string {
  const name = tags.name ?? tags.url ?? '';
  if (name && !name.includes('://')) return name;
  return `${tags.method ?? 'GET'} ${urlGroup(name)}`;
}

/** k6 error code of a request to a blacklisted IP (opsgate keeps a loopback target's script on loopback). */
const BLACKLISTED_IP = '1110';

function reasonOf(tags: Record<string, string>): string {
  if (tags.error_code === '1050') return 'timeout';
  if (tags.error_code === BLACKLISTED_IP) return 'refused: not loopback';
  const status = tags.status ?? '0';
  return status === '0' ? 'connection error' : `status ${status}`;
}

/** Fold one line of the stream into the endpoints (only the two metrics opsgate needs are parsed). */
function addLine(line: string, of: (tags: Record<string, string>) => RawEndpoint): void {
  const duration = line.includes('"metric":"http_req_duration"');
  if (!duration && !line.includes('"metric":"http_req_failed"')) return;
  if (!line.includes('"type":"Point"')) return;
  const p = JSON.parse(line) as K6Point;
  const tags = p.data.tags ?? {};
  const r = of(tags);
  if (duration) recordLatency(r.histogram, p.data.value);
  else {
    r.attempts++;
    if (p.data.value) {
      r.failed++;
      const reason = reasonOf(tags);
      r.reasons[reason] = (r.reasons[reason] ?? 0) + 1;
    }
  }
}

/**
 * Reads k6's point stream while k6 is still writing it, so only the last flush is left to parse
 * when the run ends (parsing a whole run afterwards costs about a second per 50 MB).
 */
export class PointFollower {
  // Keys are the script's name tags: a null prototype keeps `__proto__` an ordinary name.
  private readonly endpoints: Record<string, RawEndpoint> = Object.create(null) as Record<
    string,
    RawEndpoint
  >;
  private offset = 0;
  private rest = '';
  private reading: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly file: string,
    intervalMs = 250,
  ) {
    this.timer = setInterval(() => this.schedule(), intervalMs);
    this.timer.unref();
  }

  private of = (tags: Record<string, string>): RawEndpoint => {
    let key = endpointKey(tags);
    if (!this.endpoints[key] && Object.keys(this.endpoints).length >= MAX_ENDPOINTS) key = 'other';
    return (this.endpoints[key] ??= emptyRawEndpoint());
  };

  private schedule(): Promise<void> {
    this.reading = this.reading.then(() => this.readMore());
    return this.reading;
  }

  private async readMore(): Promise<void> {
    let fh;
    try {
      fh = await open(this.file, 'r');
    } catch {
      return; // k6 has not created it yet
    }
    try {
      const buf = Buffer.alloc(4 * 1024 * 1024);
      for (;;) {
        const { bytesRead } = await fh.read(buf, 0, buf.length, this.offset);
        if (!bytesRead) break;
        this.offset += bytesRead;
        const text = this.rest + buf.toString('utf8', 0, bytesRead);
        const lines = text.split('\n');
        this.rest = lines.pop() ?? '';
        for (const line of lines) addLine(line, this.of);
      }
    } finally {
      await fh.close();
    }
  }

  /** Read what is left (call after k6 exited) and return the per-endpoint raw metrics. */
  async finish(): Promise<Record<string, RawEndpoint>> {
    clearInterval(this.timer);
    await this.schedule();
    if (this.rest) addLine(this.rest, this.of);
    this.rest = '';
    return this.endpoints;
  }
}
