/**
 * Turn k6's `--out json=` stream (one JSON object per line) into compact, mergeable raw metrics:
 * a latency histogram, attempts, failures and failure reasons per endpoint.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { recordLatency } from '../../core/baseline/latency-histogram.js';
import { emptyRawEndpoint, type RawEndpoint } from '../load-plan.js';

interface K6Point {
  type: string;
  metric: string;
  data: { value: number; tags?: Record<string, string> };
}

export async function rawFromK6Json(file: string): Promise<Record<string, RawEndpoint>> {
  const endpoints: Record<string, RawEndpoint> = {};
  const of = (name: string): RawEndpoint => (endpoints[name] ??= emptyRawEndpoint());
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.startsWith('{"type":"Point"') && !line.includes('"type":"Point"')) continue;
    const p = JSON.parse(line) as K6Point;
    const tags = p.data.tags ?? {};
    if (tags.kind !== 'endpoint' || !tags.endpoint) continue;
    const name = tags.endpoint;
    const r = of(name);
    if (p.metric === 'http_req_duration') recordLatency(r.histogram, p.data.value);
    else if (p.metric === 'http_reqs') r.attempts++;
    else if (p.metric === 'http_req_failed') {
      if (p.data.value) r.failed++;
    } else if (p.metric === 'opsgate_unsent') {
      r.attempts++;
      r.failed++;
    } else if (p.metric === 'checks' && !p.data.value && tags.check) {
      const reason = tags.check.slice(tags.check.indexOf(' ') + 1);
      r.reasons[reason] = (r.reasons[reason] ?? 0) + 1;
    }
  }
  return endpoints;
}
