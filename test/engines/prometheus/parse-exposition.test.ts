import client from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parseExposition, type Series } from '../../../src/engines/prometheus/parse-exposition.js';

const key = (s: Series): string => `${s.name}${JSON.stringify(Object.entries(s.labels).sort())}`;

/** The text-format example of the Prometheus documentation (exposition_formats.md, "Text format example"). */
const PROMETHEUS_DOCS_EXAMPLE = String.raw`# HELP http_requests_total The total number of HTTP requests.
# TYPE http_requests_total counter
http_requests_total{method="post",code="200"} 1027 1395066363000
http_requests_total{method="post",code="400"}    3 1395066363000

# Escaping in label values:
msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9

# Minimalistic line:
metric_without_timestamp_and_labels 12.47

# A weird metric from before the epoch:
something_weird{problem="division by zero"} +Inf -3982045

# A histogram, which has a pretty complex representation in the text format:
# HELP http_request_duration_seconds A histogram of the request duration.
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{le="0.05"} 24054
http_request_duration_seconds_bucket{le="0.1"} 33444
http_request_duration_seconds_bucket{le="0.2"} 100392
http_request_duration_seconds_bucket{le="0.5"} 129389
http_request_duration_seconds_bucket{le="1"} 133988
http_request_duration_seconds_bucket{le="+Inf"} 144320
http_request_duration_seconds_sum 53423
http_request_duration_seconds_count 144320

# Finally a summary, which has a complex representation, too:
# HELP rpc_duration_seconds A summary of the RPC duration in seconds.
# TYPE rpc_duration_seconds summary
rpc_duration_seconds{quantile="0.01"} 3102
rpc_duration_seconds{quantile="0.05"} 3272
rpc_duration_seconds{quantile="0.5"} 4773
rpc_duration_seconds{quantile="0.9"} 9001
rpc_duration_seconds{quantile="0.99"} 76656
rpc_duration_seconds_sum 1.7560473e+07
rpc_duration_seconds_count 2693
`;

describe('parseExposition', () => {
  it('reads what prom-client exposes, every sample with its labels and value', async () => {
    const registry = new client.Registry();
    client.collectDefaultMetrics({ register: registry });
    const h = new client.Histogram({
      name: 'http_request_duration_seconds',
      help: 'duration',
      labelNames: ['route', 'status'],
      buckets: [0.1, 1],
      registers: [registry],
    });
    h.observe({ route: '/a', status: '200' }, 0.05);
    h.observe({ route: '/b "quoted"\nline', status: '500' }, 0.5);
    new client.Gauge({
      name: 'db_pool_open_connections',
      help: 'open',
      labelNames: ['pool'],
      registers: [registry],
    }).set({ pool: 'main' }, 7);
    const parsed = parseExposition(await registry.metrics());
    const expected = (await registry.getMetricsAsJSON()).flatMap((m) =>
      m.values.map((v) => ({
        name: (v as { metricName?: string }).metricName ?? m.name,
        labels: Object.fromEntries(Object.entries(v.labels).map(([k, x]) => [k, String(x)])),
        value: v.value,
      })),
    );
    expect(parsed.rejected).toBe(0);
    expect(parsed.series.length).toBe(expected.length);
    const byKey = new Map(parsed.series.map((s) => [key(s), s.value]));
    // Process and runtime values move between the two reads; every other value is exact.
    for (const e of expected)
      if (/^(process|nodejs)_/.test(e.name)) expect(byKey.has(key(e)), key(e)).toBe(true);
      else expect(byKey.get(key(e)), key(e)).toBe(e.value);
    expect(byKey.get(key({ name: 'process_resident_memory_bytes', labels: {}, value: 0 }))).toBeGreaterThan(
      1e6,
    );
    expect(parsed.types.http_request_duration_seconds).toBe('histogram');
    expect(
      byKey.get(
        key({
          name: 'http_request_duration_seconds_count',
          labels: { route: '/b "quoted"\nline', status: '500' },
          value: 0,
        }),
      ),
    ).toBe(1);
  });

  it('reads the example of the Prometheus documentation', () => {
    const parsed = parseExposition(PROMETHEUS_DOCS_EXAMPLE);
    expect(parsed.rejected).toBe(0);
    const get = (name: string, labels: Record<string, string> = {}): number | undefined =>
      parsed.series.find((s) => key(s) === key({ name, labels, value: 0 }))?.value;
    expect(get('http_requests_total', { method: 'post', code: '400' })).toBe(3);
    expect(
      get('msdos_file_access_time_seconds', {
        path: 'C:\\DIR\\FILE.TXT',
        error: 'Cannot find file:\n"FILE.TXT"',
      }),
    ).toBe(1.458255915e9);
    expect(get('something_weird', { problem: 'division by zero' })).toBe(Infinity);
    expect(get('http_request_duration_seconds_bucket', { le: '+Inf' })).toBe(144320);
    expect(get('http_request_duration_seconds_count')).toBe(144320);
    expect(get('rpc_duration_seconds', { quantile: '0.99' })).toBe(76656);
    expect(get('rpc_duration_seconds_sum')).toBe(1.7560473e7);
    expect(parsed.series).toHaveLength(20);
  });

  it('drops lines that are not exposition text and keeps the rest', () => {
    const parsed = parseExposition(
      [
        'up 1',
        'garbage{a="1" b} 2',
        '# TYPE too many words',
        'bad-name 3',
        'x{0bad="v"} 4',
        'y NaN',
        'z 5 12',
      ].join('\n'),
    );
    expect(parsed.series.map((s) => [s.name, s.value])).toEqual([
      ['up', 1],
      ['y', NaN],
      ['z', 5],
    ]);
    expect(parsed.rejected).toBe(4);
    expect(parsed.rejectedExamples).toHaveLength(3);
  });
});
