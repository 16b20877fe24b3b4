import { z } from 'zod';
import { headerMap } from './common.js';

/** The deployed service every check runs against. opsgate never needs its source code. */
export const targetSection = z
  .object({
    'base-url': z
      .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://staging.example.com' })
      .describe('Base URL of the deployed target; every probe path is resolved against it.'),
    name: z.string().optional().describe('Human name shown in reports (defaults to the host).'),
    'allow-hosts': z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Hosts opsgate may send traffic to. Defaults to the host of base-url. Destructive probes and load only run against hosts listed here.',
      ),
    'allow-destructive': z
      .boolean()
      .default(false)
      .describe(
        'Allow requests that change data: POST/PUT/PATCH/DELETE from any check (probes, load endpoints, abuse probes) and active scans. Also needs the host listed in allow-hosts. Off by default so pointing opsgate at production is safe.',
      ),
    'timeout-ms': z.number().int().positive().default(10_000).describe('Per-request timeout for probes.'),
    headers: headerMap
      .default({})
      .describe(
        'Headers sent with every request (e.g. a rate-limit bypass for load tests). Values may use ${ENV}.',
      ),
  })
  .strict();

export type TargetConfig = z.infer<typeof targetSection>;
