import { stringify } from 'yaml';

/**
 * How a ZAP scan is invoked. The docker argv follows the packaged scan scripts of the official
 * image (docker/zap-baseline.py, zap-full-scan.py, zap-api-scan.py, zap_common.py); the zap-local
 * plan follows the Automation Framework. The asserted contract, with its source commit, is
 * recorded in test/fixtures/zap/CONTRACT.md.
 */

export type ZapMode = 'baseline' | 'full' | 'api';

/** Directory the scripts read and write files in when run inside the image. */
export const ZAP_WORK_DIR = '/zap/wrk/';

export const SCAN_SCRIPTS: Record<ZapMode, string> = {
  baseline: 'zap-baseline.py',
  full: 'zap-full-scan.py',
  api: 'zap-api-scan.py',
};

/** Report file names written into the mounted work dir (-J, -r, -w, -x). */
export const REPORT_FILES = { json: 'report.json', html: 'report.html', md: 'report.md', xml: 'report.xml' };

/** Environment variables ZAP core reads to add one header to every request it sends. */
export const AUTH_ENV = ['ZAP_AUTH_HEADER', 'ZAP_AUTH_HEADER_VALUE', 'ZAP_AUTH_HEADER_SITE'] as const;

export interface ZapScanPlan {
  mode: ZapMode;
  /** URL the spider starts at (baseline/full). */
  targetUrl: string;
  /** api mode: definition URL, or a file name inside the work dir; GraphQL endpoint for graphql. */
  api?: { definition: string; format: 'openapi' | 'graphql' | 'soap'; schema?: string };
  /** Host directory mounted at /zap/wrk. */
  workDir: string;
  image: string;
  /** Container name, so a timed-out scan can be killed (`docker kill <name>`). */
  containerName: string;
  network?: string;
  /** A rules.tsv inside the work dir (-c). */
  rulesFile?: string;
  spiderMinutes: number;
  ajaxSpider: boolean;
  maxMinutes?: number;
  zapOptions: string[];
  /** Forward the ZAP_AUTH_HEADER* variables into the container (values never appear in argv). */
  authHeader: boolean;
}

/** `docker …` argv for a packaged scan: the exact command the official docs give, plus naming. */
export function dockerArgs(plan: ZapScanPlan): string[] {
  const args = ['run', '--rm', '--name', plan.containerName, '-v', `${plan.workDir}:${ZAP_WORK_DIR}:rw`];
  if (plan.network) args.push('--network', plan.network);
  // `-e NAME` without a value: docker copies it from its own environment, so a token is never
  // visible in the process list.
  if (plan.authHeader) for (const name of AUTH_ENV) args.push('-e', name);
  args.push('-t', plan.image, ...scanScriptArgs(plan));
  return args;
}

/** Arguments of the scan script itself (after the image name). */
export function scanScriptArgs(plan: ZapScanPlan): string[] {
  const args = [SCAN_SCRIPTS[plan.mode]];
  if (plan.mode === 'api') {
    if (!plan.api) throw new Error('api mode needs an API definition');
    args.push('-t', plan.api.definition, '-f', plan.api.format);
    // Scan the target, whatever host the definition's servers[] names (the request policy's origin).
    if (plan.api.format === 'openapi') args.push('-O', new URL(plan.targetUrl).origin);
  } else {
    args.push('-t', plan.targetUrl);
  }
  args.push('-J', REPORT_FILES.json, '-r', REPORT_FILES.html, '-w', REPORT_FILES.md, '-x', REPORT_FILES.xml);
  if (plan.rulesFile) args.push('-c', plan.rulesFile);
  if (plan.mode !== 'api') {
    args.push('-m', String(plan.spiderMinutes));
    if (plan.ajaxSpider) args.push('-j');
  }
  if (plan.maxMinutes) args.push('-T', String(plan.maxMinutes));
  if (plan.api?.schema && plan.api.format === 'graphql') args.push('--schema', plan.api.schema);
  if (plan.zapOptions.length) args.push('-z', plan.zapOptions.join(' '));
  return args;
}

/** `zap.sh` argv for zap-local: run an Automation Framework plan headless. */
export function zapLocalArgs(planFile: string, zapOptions: string[]): string[] {
  return ['-cmd', '-autorun', planFile, ...zapOptions];
}

/**
 * Automation Framework plan equivalent to the packaged scan of the same mode: spider (+ ajax),
 * passive scan, active scan for full/api, and the traditional JSON/HTML reports into the work dir.
 */
export function automationPlan(plan: ZapScanPlan): string {
  const dir = plan.workDir;
  const jobs: Record<string, unknown>[] = [
    { type: 'passiveScan-config', parameters: { maxAlertsPerRule: 10 } },
  ];
  if (plan.mode === 'api' && plan.api) jobs.push(apiImportJob(plan.api, dir, plan.targetUrl));
  if (plan.mode !== 'api') {
    jobs.push({ type: 'spider', parameters: { url: plan.targetUrl, maxDuration: plan.spiderMinutes } });
    if (plan.ajaxSpider)
      jobs.push({ type: 'spiderAjax', parameters: { url: plan.targetUrl, maxDuration: plan.spiderMinutes } });
  }
  jobs.push({ type: 'passiveScan-wait', parameters: { maxDuration: plan.maxMinutes ?? 0 } });
  if (plan.mode !== 'baseline') jobs.push({ type: 'activeScan', parameters: { context: 'opsgate' } });
  jobs.push(
    report('traditional-json', dir, REPORT_FILES.json),
    report('traditional-html', dir, REPORT_FILES.html),
  );
  return stringify({
    env: {
      contexts: [{ name: 'opsgate', urls: [plan.targetUrl] }],
      parameters: { failOnError: true, progressToStdout: true },
    },
    jobs,
  });
}

function apiImportJob(
  api: NonNullable<ZapScanPlan['api']>,
  dir: string,
  targetUrl: string,
): Record<string, unknown> {
  const isUrl = /^https?:\/\//.test(api.definition);
  const where = isUrl ? api.definition : `${dir}/${api.definition}`;
  switch (api.format) {
    case 'openapi':
      return { type: 'openapi', parameters: { [isUrl ? 'apiUrl' : 'apiFile']: where, targetUrl } };
    case 'soap':
      return { type: 'soap', parameters: { [isUrl ? 'wsdlUrl' : 'wsdlFile']: where } };
    case 'graphql': {
      const schema = api.schema;
      const schemaKey = schema && /^https?:\/\//.test(schema) ? 'schemaUrl' : 'schemaFile';
      return {
        type: 'graphql',
        parameters: {
          endpoint: api.definition,
          ...(schema ? { [schemaKey]: schemaKey === 'schemaUrl' ? schema : `${dir}/${schema}` } : {}),
        },
      };
    }
  }
}

function report(template: string, dir: string, file: string): Record<string, unknown> {
  return {
    type: 'report',
    parameters: { template, reportDir: dir, reportFile: file, reportTitle: 'ZAP Scanning Report' },
  };
}
