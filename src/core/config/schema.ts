import { z } from 'zod';
import { abuseSection } from './sections/abuse.js';
import { dastSection } from './sections/dast.js';
import { dbSection } from './sections/db.js';
import { faultSection } from './sections/fault.js';
import { gateSection } from './sections/gate.js';
import { headersSection } from './sections/headers.js';
import { identitiesSection } from './sections/identities.js';
import { loadSection } from './sections/load.js';
import { rbacSection } from './sections/rbac.js';
import { restoreSection } from './sections/restore.js';
import { storeSection } from './sections/store.js';
import { targetSection } from './sections/target.js';

/**
 * The one definition of `opsgate.yml`. The TypeScript types, the shipped JSON Schema
 * (schema/opsgate.schema.json) and the reference docs (docs/config-reference.md) all come from it.
 */
export const configSchema = z
  .object({
    version: z.literal(1, { error: 'expected version: 1' }).default(1),
    target: targetSection,
    identities: identitiesSection,
    headers: headersSection,
    load: loadSection,
    rbac: rbacSection,
    abuse: abuseSection,
    restore: restoreSection,
    dast: dastSection,
    db: dbSection,
    fault: faultSection,
    gate: gateSection,
    store: storeSection,
  })
  .strict();

export type OpsgateConfig = z.infer<typeof configSchema>;
/** Config as written by a user, before defaults are applied. */
export type OpsgateConfigInput = z.input<typeof configSchema>;

export const CHECK_NAMES = ['headers', 'load', 'rbac', 'abuse', 'restore', 'dast', 'db', 'fault'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];
