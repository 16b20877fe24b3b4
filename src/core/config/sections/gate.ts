import { z } from 'zod';
import { severity } from './common.js';

/** How all Evidence of a run becomes one verdict. */
export const gateSection = z
  .object({
    'fail-on-severity': severity
      .default('medium')
      .describe('Unsuppressed findings at or above this severity fail the gate; lower ones warn.'),
    'fail-on-warn': z.boolean().default(false).describe('Treat warnings as failures (strict mode).'),
    required: z
      .array(z.string())
      .default([])
      .describe('Checks whose evidence must be present; a missing one fails the gate.'),
    checks: z
      .record(z.string(), z.object({ 'fail-on-severity': severity.optional() }).strict())
      .default({})
      .describe('Per-check overrides, e.g. dast: { fail-on-severity: high }.'),
  })
  .strict()
  .default({ 'fail-on-severity': 'medium', 'fail-on-warn': false, required: [], checks: {} });

export type GateConfig = z.infer<typeof gateSection>;
