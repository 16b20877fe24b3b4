import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { CHECK_NAMES, type CheckName } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { formatPath } from '../config/interpolate.js';

/** A drill: an ordered set of checks run together, and the sign-off that closes it. */
export const drillSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9-]+$/),
    description: z.string().default(''),
    checks: z.array(z.enum(CHECK_NAMES)).min(1),
    'continue-on-failure': z.boolean().default(true),
    'sign-off': z
      .object({ required: z.boolean().default(true), approvers: z.array(z.string()).default([]) })
      .strict()
      .default({ required: true, approvers: [] }),
    'max-days-between-drills': z.number().int().positive().default(35),
  })
  .strict();

export type DrillDefinition = z.infer<typeof drillSchema>;

export async function loadDrill(file: string): Promise<DrillDefinition> {
  let raw: unknown;
  try {
    raw = parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read drill ${file}: ${(err as Error).message}`);
  }
  const parsed = drillSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ file, path: formatPath(i.path), message: i.message })),
    );
  }
  return parsed.data;
}

/** The standard order: abuse last, because it trips login and rate limiters on purpose. */
export const DRILL_ORDER: CheckName[] = ['headers', 'load', 'db', 'rbac', 'dast', 'restore', 'abuse'];

/** Every check in the standard order, for repositories without a drills/ folder. */
export function builtInDrill(): DrillDefinition {
  return drillSchema.parse({ name: 'monthly', checks: DRILL_ORDER });
}
