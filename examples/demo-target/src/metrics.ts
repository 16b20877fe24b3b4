import client from 'prom-client';
import type pg from 'pg';

/**
 * What the demo target exposes on GET /metrics, the way a real Node service does with prom-client:
 * the default process metrics (CPU seconds, resident memory, event loop), a request duration
 * histogram, and its PostgreSQL pool as gauges read at scrape time. One registry per target, so
 * several targets in one process (the test suite) do not mix their numbers.
 */
export interface DemoMetrics {
  contentType: string;
  /** Record one answered request; `route` is a bounded label (ids replaced, unknown paths folded). */
  observe(method: string, route: string, status: number, seconds: number): void;
  render(): Promise<string>;
}

/** `/api/companies/17` → `/api/companies/:id`; 404s are one label, so scanners cannot grow the series. */
export function routeLabel(pathname: string, status: number): string {
  if (status === 404) return 'unmatched';
  return pathname.replace(/\/\d+(?=\/|$)/g, '/:id').slice(0, 80);
}

export function createDemoMetrics(pool: pg.Pool): DemoMetrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of HTTP requests answered by the demo target.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const gauge = (name: string, help: string, read: () => number): void =>
    void new client.Gauge({
      name,
      help,
      labelNames: ['pool'],
      registers: [registry],
      collect() {
        this.set({ pool: 'main' }, read());
      },
    });
  gauge(
    'db_pool_open_connections',
    'Connections the pool holds open (pg Pool totalCount).',
    () => pool.totalCount,
  );
  gauge(
    'db_pool_idle_connections',
    'Open connections not checked out (pg Pool idleCount).',
    () => pool.idleCount,
  );
  gauge(
    'db_pool_waiting_requests',
    'Queries waiting for a connection (pg Pool waitingCount).',
    () => pool.waitingCount,
  );
  gauge(
    'db_pool_max_connections',
    'The pool size the target was configured with (pg Pool max).',
    () => pool.options.max,
  );
  return {
    contentType: registry.contentType,
    observe: (method, route, status, seconds) =>
      duration.observe({ method, route, status: String(status) }, seconds),
    render: () => registry.metrics(),
  };
}
