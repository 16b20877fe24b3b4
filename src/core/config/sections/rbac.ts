import { z } from 'zod';
import { duration, headerMap, httpMethod, httpStatus, targetPath } from './common.js';

/** Status classes a team may accept instead of one exact status. */
export const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx', 'denied', 'hidden'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

const expectationMessage =
  'expected an HTTP status (100-599), a list of statuses, or a class (2xx, 4xx, denied = 401|403|404, hidden = 403|404)';

/**
 * What a cell must answer: one exact status (`403`), any of a list (`[403, 404]`), or a class.
 * `denied` (401|403|404) accepts any refusal: "who are you", "not allowed" or "no such thing";
 * `hidden` (403|404) is for APIs that hide that a resource exists from those who may not see it.
 */
export const statusExpectation = z.union([httpStatus, z.array(httpStatus).min(1), z.enum(STATUS_CLASSES)], {
  error: expectationMessage,
});
export type StatusExpectation = z.infer<typeof statusExpectation>;

/** identity name → expectation. Identities are defined under `identities` (plus built-in `anonymous`). */
const expectMap = z
  .record(z.string(), statusExpectation)
  .describe('Expected status per identity, e.g. { admin: 204, viewer: 403, anonymous: 401 }.');

/** A request; `method` defaults to what the request is for (GET to probe, POST to create, DELETE to clean up). */
const requestOf = (defaultMethod: 'GET' | 'POST' | 'DELETE') => ({
  method: httpMethod.default(defaultMethod),
  path: targetPath.describe('Path template; `{name}` placeholders are filled from rbac.fixtures.'),
  body: z.unknown().optional().describe('JSON body; `{name}` placeholders in strings are filled too.'),
  headers: headerMap.optional(),
});
const requestShape = requestOf('GET');

const matrixRow = z
  .object({
    name: z.string().optional().describe('Short name shown in the report (defaults to "METHOD path").'),
    ...requestShape,
    expect: expectMap.default({}),
    cleanup: z
      .object({
        ...requestOf('DELETE'),
        identity: z.string().describe('Identity that deletes what the cell created.'),
        'id-path': z.string().default('$.id').describe('JSON path of the created id in the cell response.'),
      })
      .strict()
      .optional()
      .describe(
        'For create rows: when a cell answers 2xx, delete what it created (`{id}` is the new id), so allowed writes leave nothing behind.',
      ),
  })
  .strict();

const defaultRule = z
  .object({
    match: z
      .object({
        methods: z.array(httpMethod).optional().describe('Rows with one of these methods.'),
        path: z
          .string()
          .optional()
          .describe('Glob on the path template: `*` within a segment, `**` across segments.'),
      })
      .strict()
      .default({}),
    expect: expectMap,
  })
  .strict()
  .describe(
    'Expectations applied to every matching row (a row’s own expect wins), so a large API stays short.',
  );

const identityField = { identity: z.string().describe('Identity that sends this request.') };
const fixtureCreate = z.object({ ...requestOf('POST'), ...identityField }).strict();
const fixtureCleanup = z.object({ ...requestOf('DELETE'), ...identityField }).strict();

/** A value for `{name}` placeholders: static, or created (and deleted again) by the probe. */
const fixture = z.union([
  z.union([z.string(), z.number()]).describe('A fixed value, e.g. the id of a seeded record.'),
  z
    .object({
      create: fixtureCreate.describe(
        'Request that creates the sacrificial record (needs allow-destructive).',
      ),
      'id-path': z.string().default('$.id').describe('JSON path of the new id in the create response.'),
      cleanup: fixtureCleanup
        .describe('Request that deletes it; `{id}` is the created id. A 404 counts as already gone.')
        .optional(),
      'per-cell': z
        .boolean()
        .default(false)
        .describe(
          'Create a fresh record for every cell using it (for DELETE cells), instead of one per run.',
        ),
    })
    .strict(),
]);

const ownershipProbe = z
  .object({
    name: z.string().describe('What the resource is, e.g. "lease".'),
    owner: z.string().describe('Identity that creates and owns the resource.'),
    create: z
      .object(requestOf('POST'))
      .strict()
      .describe(
        'How the owner creates the resource (sent as the owner). Placeholders: static fixtures, `{identity.name}` captures, `{run}` (unique per run).',
      ),
    'id-path': z
      .string()
      .default('$.id')
      .describe(
        'JSON path of the new id in the create response. Without a body: the last segment of `Location`, else `lookup`.',
      ),
    lookup: z
      .object({
        path: targetPath.describe('GET as the owner, e.g. /api/leases?tenant=opsgate-probe%20{run}.'),
        'id-path': z.string().describe('JSON path of the id in that response, e.g. $.items[0].id.'),
      })
      .strict()
      .optional()
      .describe('For creates that answer 201/204 without a body or Location: how to find the record.'),
    resource: targetPath.describe('Path of the created resource; `{id}` is its id.'),
    others: z
      .array(z.string())
      .min(1)
      .describe('Identities that must not reach it: another user of the same role, a lower role.'),
    try: z
      .array(z.enum(['read', 'update', 'delete']))
      .default(['read', 'update', 'delete'])
      .describe('What the others attempt (GET, PUT/PATCH, DELETE on resource).'),
    'update-method': z.enum(['PUT', 'PATCH']).default('PUT'),
    'update-body': z.unknown().optional().describe('Body of the update attempt.'),
    expect: statusExpectation
      .default('hidden')
      .describe('What the others must get; default `hidden` (403 or 404).'),
    cleanup: z
      .object(requestOf('DELETE'))
      .strict()
      .optional()
      .describe(
        'How the owner deletes it afterwards (default DELETE resource). Runs even when the probe fails.',
      ),
  })
  .strict();

const openapiSource = z
  .object({
    file: z.string().optional().describe('OpenAPI document (JSON or YAML), relative to opsgate.yml.'),
    path: targetPath.optional().describe('Or a path on the target that serves it, e.g. /openapi.json.'),
    'probe-anonymous': z
      .boolean()
      .default(true)
      .describe('GET every secured operation without credentials and flag any 2xx answer.'),
  })
  .strict()
  .refine((o) => Boolean(o.file) !== Boolean(o.path), { error: 'expected exactly one of file or path' });

/** Configuration of the `rbac` check: who may do what, stated as exact statuses. */
export const rbacSection = z
  .object({
    enabled: z.boolean().default(true),
    fixtures: z
      .record(z.string(), fixture)
      .default({})
      .describe('Values for `{name}` placeholders in matrix paths and bodies.'),
    defaults: z.array(defaultRule).default([]).describe('Group expectations, applied before each row’s own.'),
    matrix: z.array(matrixRow).default([]).describe('Requests × identities → expected status.'),
    ownership: z
      .array(ownershipProbe)
      .default([])
      .describe('IDOR/BOLA probes: user A creates, user B and lower roles must not reach it.'),
    openapi: openapiSource
      .optional()
      .describe('Coverage: endpoints never probed, secured operations open to anonymous.'),
    concurrency: z.number().int().min(1).max(64).default(8).describe('Requests in flight at once.'),
    'max-duration': duration.default('5m').describe('Total time bound; cells not reached are reported.'),
  })
  .strict()
  .optional();

export type RbacConfig = NonNullable<z.infer<typeof rbacSection>>;
export type RbacMatrixRow = RbacConfig['matrix'][number];
export type RbacFixture = RbacConfig['fixtures'][string];
export type RbacOwnershipProbe = RbacConfig['ownership'][number];

/** The suffix of every cell name an ownership probe writes to evidence; runbooks find the cells by it. */
export function ownershipLabel(p: Pick<RbacOwnershipProbe, 'name' | 'owner'>): string {
  return `(${p.name} owned by ${p.owner})`;
}
