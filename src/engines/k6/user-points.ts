/**
 * Per-endpoint raw metrics of a user's own k6 script, from k6's `--out json=` stream. An
 * endpoint is the request's `name` tag when the script set one, otherwise its URL grouped as
 * `METHOD /path` with ids (numbers, UUIDs, long hex) folded to `{id}` so one route is one row.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
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

export async function rawFromUserPoints(file: string): Promise<Record<string, RawEndpoint>> {
  const endpoints: Record<string, RawEndpoint> = {};
  const of = (tags: Record<string, string>): RawEndpoint => {
    let key = endpointKey(tags);
    if (!endpoints[key] && Object.keys(endpoints).length >= MAX_ENDPOINTS) key = 'other';
    return (endpoints[key] ??= emptyRawEndpoint());
  };
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.includes('"type":"Point"')) continue;
    if (!line.includes('"metric":"http_req_duration"') && !line.includes('"metric":"http_req_failed"'))
      continue;
    const p = JSON.parse(line) as K6Point;
    const tags = p.data.tags ?? {};
    const r = of(tags);
    if (p.metric === 'http_req_duration') recordLatency(r.histogram, p.data.value);
    else {
      r.attempts++;
      if (p.data.value) {
        r.failed++;
        const reason = reasonOf(tags);
        r.reasons[reason] = (r.reasons[reason] ?? 0) + 1;
      }
    }
  }
  return endpoints;
}
