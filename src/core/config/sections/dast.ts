import { z } from 'zod';
import { duration, targetPath } from './common.js';

/** ZAP risk levels a gate can be set on (ZAP has no "critical"). */
export const zapRisk = z.enum(['info', 'low', 'medium', 'high']);
export type ZapRisk = z.infer<typeof zapRisk>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD' })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { error: 'expected a real calendar date' });

/**
 * A reviewed exception. Reason, owner and expiry are required so every excluded alert says why,
 * who answers for it and when it must be looked at again; an expired entry stops suppressing.
 */
export const dastSuppression = z
  .object({
    rule: z
      .string()
      .regex(/^(\d+(-\d+)?|wapiti-[a-z0-9-]+)$/, {
        error:
          'expected a ZAP rule id such as 10038, an alertRef such as 10038-1, or a wapiti rule such as wapiti-cross-site-scripting',
      })
      .describe(
        'ZAP plugin id (all alerts of the rule) or alertRef (one variant of it), or a wapiti rule id.',
      ),
    url: z
      .string()
      .optional()
      .describe('Regular expression an alert URL must match (searched anywhere in the URL).'),
    parameter: z.string().optional().describe('Only alerts on this parameter (exact, case-insensitive).'),
    reason: z
      .string()
      .min(10, { error: 'say why in at least 10 characters' })
      .describe('Why this is accepted.'),
    owner: z.string().min(1).describe('Who answers for the exception (person or team).'),
    expires: isoDate.describe(
      'Last day the exception holds (YYYY-MM-DD); afterwards it is reported, not applied.',
    ),
  })
  .strict();
export type DastSuppression = z.infer<typeof dastSuppression>;

/** An existing ZAP rules.tsv, imported with one owner and expiry for all of its IGNORE lines. */
const rulesFile = z
  .object({
    path: z.string().min(1).describe('Path of the rules.tsv, relative to opsgate.yml.'),
    owner: z.string().min(1).describe('Who answers for the IGNORE/OUTOFSCOPE lines of this file.'),
    expires: isoDate.describe('When the file must be reviewed again; afterwards its IGNOREs stop applying.'),
  })
  .strict();

const apiDefinition = z
  .object({
    definition: z
      .string()
      .min(1)
      .describe(
        'URL or file (relative to opsgate.yml) of the API definition; the GraphQL endpoint URL for graphql.',
      ),
    format: z.enum(['openapi', 'graphql', 'soap']).default('openapi'),
    schema: z.string().optional().describe('GraphQL schema URL or file (zap-api-scan.py --schema).'),
  })
  .strict();

/** A path inside the repository: relative, forward slashes, never leaving it. */
const repoFile = z
  .string()
  .min(1)
  .refine((f) => !/^[/\\]|^[A-Za-z][A-Za-z0-9+.-]*:|\\|(^|\/)\.\.(\/|$)/.test(f), {
    error:
      'expected a path relative to the repository root (no leading /, no scheme, no .., forward slashes)',
  });

/**
 * How the SARIF for GitHub code scanning is written. Code scanning places every result on a file
 * of the repository: by default the line of opsgate.yml that configures the scan; `locations`
 * maps URLs to the source file that serves them.
 */
const sarifOptions = z
  .object({
    informational: z
      .enum(['omit', 'note'])
      .default('omit')
      .describe(
        'Informational findings: omit leaves them out of the SARIF upload; note keeps them as notes without a security severity.',
      ),
    locations: z
      .array(
        z
          .object({
            url: z
              .string()
              .describe('Regular expression a finding URL must match (searched anywhere in it).'),
            file: repoFile.describe('File that serves those URLs, relative to the repository root.'),
            line: z.number().int().positive().default(1).describe('Line in that file.'),
          })
          .strict(),
      )
      .default([])
      .describe('Path mapping: the first entry whose url matches places the result; else opsgate.yml.'),
  })
  .strict()
  .default({ informational: 'omit', locations: [] });

/** Configuration of the `dast` check: an OWASP ZAP scan with reviewed suppressions. */
export const dastSection = z
  .object({
    enabled: z.boolean().default(true),
    mode: z
      .enum(['baseline', 'full', 'api'])
      .default('baseline')
      .describe(
        'baseline: spider + passive rules (safe anywhere). full: active attack scan (needs target.allow-destructive and an allow-listed host). api: scan an OpenAPI/GraphQL/SOAP definition.',
      ),
    engine: z
      .enum(['zap-docker', 'zap-local', 'wapiti', 'auto'])
      .default('zap-docker')
      .describe(
        "zap-docker runs the official image and its scan scripts; zap-local drives a zap.sh on PATH with an Automation Framework plan; wapiti runs the OS package behind opsgate's scope proxy; auto picks ZAP where Docker or zap.sh is available, else wapiti.",
      ),
    image: z
      .string()
      .default('ghcr.io/zaproxy/zaproxy:stable')
      .describe('ZAP image for zap-docker; pin a tag or digest for reproducible scans.'),
    'docker-network': z
      .string()
      .optional()
      .describe(
        'docker run --network; defaults to "host" when the target is loopback so the container can reach it.',
      ),
    'zap-command': z.string().default('zap.sh').describe('The zap.sh to run for zap-local.'),
    'wapiti-command': z.string().default('wapiti').describe('The wapiti to run for engine wapiti (or auto).'),
    'start-path': targetPath.default('/').describe('Where the spider starts, relative to target.base-url.'),
    api: apiDefinition.optional().describe('Required for mode: api.'),
    identity: z
      .string()
      .optional()
      .describe(
        'Identity (from identities) whose auth header ZAP sends on every request (ZAP_AUTH_HEADER / ZAP_AUTH_HEADER_VALUE), for authenticated scans.',
      ),
    'spider-minutes': z.number().int().positive().default(1).describe('How long the spider runs (-m).'),
    'ajax-spider': z.boolean().default(false).describe('Also run the browser-based spider (-j).'),
    'max-minutes': z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Upper bound for ZAP start-up and passive scanning (-T).'),
    timeout: duration.default('60m').describe('The scan process is killed after this long (exit 3).'),
    'zap-options': z
      .array(z.string())
      .default([])
      .describe(
        'Extra ZAP command line options passed with -z, e.g. ["-config", "scanner.threadPerHost=2"].',
      ),
    'fail-on': zapRisk
      .default('high')
      .describe(
        'Lowest ZAP risk that fails the gate after suppressions; lower alerts are reported as warnings.',
      ),
    suppressions: z.array(dastSuppression).default([]),
    'rules-file': rulesFile
      .optional()
      .describe('Import an existing ZAP rules.tsv (IGNORE/INFO/WARN/FAIL/OUTOFSCOPE).'),
    sarif: sarifOptions.describe('SARIF for GitHub code scanning: locations and informational findings.'),
    'on-missing-engine': z
      .enum(['error', 'skip'])
      .default('error')
      .describe(
        'When Docker (or zap.sh) is not available: error (exit 3) or record a skipped scan with the reason.',
      ),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.mode === 'api' && !d.api)
      ctx.addIssue({ code: 'custom', path: ['api'], message: 'mode: api needs api.definition' });
    if (d.api?.format === 'graphql' && !/^https?:\/\//.test(d.api.definition))
      ctx.addIssue({
        code: 'custom',
        path: ['api', 'definition'],
        message: 'a graphql definition is the endpoint URL (http:// or https://)',
      });
    d.sarif.locations.forEach((l, i) => {
      try {
        new RegExp(l.url);
      } catch (err) {
        ctx.addIssue({
          code: 'custom',
          path: ['sarif', 'locations', i, 'url'],
          message: `not a valid regular expression: ${(err as Error).message}`,
        });
      }
    });
    d.suppressions.forEach((s, i) => {
      if (s.url === undefined) return;
      try {
        new RegExp(s.url);
      } catch (err) {
        ctx.addIssue({
          code: 'custom',
          path: ['suppressions', i, 'url'],
          message: `not a valid regular expression: ${(err as Error).message}`,
        });
      }
    });
  })
  .optional();

export type DastConfig = NonNullable<z.infer<typeof dastSection>>;
