import { z } from 'zod';
import { headerMap, httpMethod, targetPath } from './common.js';

/**
 * How each role logs in. Credentials are `${ENV}` references; values are registered as secrets
 * and never written back out.
 */
const base = {
  headers: headerMap.optional().describe('Extra headers this identity always sends.'),
  'target-headers': z
    .boolean()
    .default(true)
    .describe(
      'Send target.headers too. Abuse identities turn this off so a bypass header does not hide the limiter.',
    ),
};

const loginRequest = z
  .object({
    method: httpMethod.default('POST'),
    path: targetPath,
    body: z.unknown().optional().describe('JSON body of the login request.'),
    form: z.record(z.string(), z.string()).optional().describe('Form-encoded body, for classic login forms.'),
    headers: headerMap.optional(),
  })
  .strict();

/** Values captured at login for `{identity.name}` placeholders (e.g. the user's id in an ownership create). */
const captureFields = {
  capture: z
    .record(z.string().regex(/^[A-Za-z0-9_-]+$/), z.string())
    .optional()
    .describe(
      'name → JSON path read from the login response (or from capture-from), used as `{identity.name}` in rbac placeholders, e.g. { id: $.user.id }.',
    ),
  'capture-from': targetPath
    .optional()
    .describe('Read the captures from GET this path as the logged-in identity instead (e.g. /api/me).'),
};

export const identitySchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('anonymous'), ...base }).strict(),
    z.object({ kind: z.literal('bearer'), token: z.string().min(1), ...base }).strict(),
    z
      .object({
        kind: z.literal('api-key'),
        header: z.string().default('X-API-Key'),
        value: z.string().min(1),
        ...base,
      })
      .strict(),
    z.object({ kind: z.literal('basic'), username: z.string(), password: z.string(), ...base }).strict(),
    z
      .object({
        kind: z.literal('json-login'),
        login: loginRequest,
        'token-path': z.string().default('$.token').describe('JSON path of the token in the login response.'),
        'token-header': z.string().default('Authorization'),
        'token-scheme': z.string().default('Bearer').describe('Prefix before the token; empty for none.'),
        ...captureFields,
        ...base,
      })
      .strict(),
    z
      .object({
        kind: z.literal('cookie-session'),
        login: loginRequest,
        csrf: z
          .object({
            'from-path': targetPath.optional().describe('GET this path first to obtain the CSRF token.'),
            'json-path': z
              .string()
              .optional()
              .describe('Read the token from this JSON path of that response.'),
            cookie: z.string().optional().describe('Or read it from this cookie.'),
            header: z.string().default('X-CSRF-Token').describe('Header that carries the token on writes.'),
            'login-field': z.string().optional().describe('Also send the token in this login body field.'),
          })
          .strict()
          .optional(),
        ...captureFields,
        ...base,
      })
      .strict(),
  ],
  { error: 'expected kind: anonymous, bearer, api-key, basic, json-login or cookie-session' },
);

export const identitiesSection = z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/), identitySchema).default({
  anonymous: { kind: 'anonymous', 'target-headers': true },
});

export type IdentityConfig = z.infer<typeof identitySchema>;
