import { z } from 'zod';
import { originPathProblem } from '../origin-path.js';

/** Building blocks shared by several config sections. */

export const httpStatus = z
  .number({ error: 'expected an HTTP status (100-599)' })
  .int({ error: 'expected an HTTP status (100-599)' })
  .min(100, { error: 'expected an HTTP status (100-599)' })
  .max(599, { error: 'expected an HTTP status (100-599)' });

export const httpMethod = z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], {
  error: 'expected an HTTP method (GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS)',
});

/**
 * A path on the target, origin-relative (one leading `/`); `{name}` placeholders are filled at run
 * time. `//host`, URLs and backslashes are refused here with their line, before anything is sent.
 */
export const targetPath = z
  .string()
  .check(
    z.superRefine((p, ctx) => {
      const problem = originPathProblem(p);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: p });
    }),
  )
  // The same rule for editors reading the JSON Schema.
  .meta({ pattern: String.raw`^/(?![/\\])[^\\\s]*$` });

export const headerMap = z.record(z.string(), z.string());

export const severity = z.enum(['info', 'low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof severity>;

/** Durations as milliseconds, or strings like `500ms`, `30s`, `5m`, `1h`, `2d`. */
export const duration = z.union([
  z.number().nonnegative(),
  z.string().regex(/^\d+(\.\d+)?(ms|s|m|h|d)$/, { error: 'expected a duration like 500ms, 30s, 5m, 1h' }),
]);

export function durationMs(d: number | string): number {
  if (typeof d === 'number') return d;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(d);
  if (!m) throw new Error(`bad duration ${d}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms'];
  return Number(m[1]) * unit;
}
