/**
 * The wapiti 3 command line for one scan. Passive (baseline) scans load only the modules that
 * read responses; full scans add the attack modules. Modules that call out to third-party
 * endpoints (ssrf, wapp updates) or brute-force (buster, nikto, brute_login_form) are never loaded.
 */
export const PASSIVE_MODULES = ['http_headers', 'csp', 'cookieflags'] as const;
export const ATTACK_MODULES = ['xss', 'permanentxss', 'sql', 'exec', 'file', 'redirect', 'crlf'] as const;

export interface WapitiScanPlan {
  mode: 'baseline' | 'full';
  /** Where the crawl starts (the target origin plus start-path). */
  startUrl: string;
  /** The scope proxy every request goes through. */
  proxyUrl: string;
  reportFile: string;
  /** Session and configuration databases, kept inside the run's work dir. */
  sessionDir: string;
  maxScanSeconds: number;
  maxAttackSeconds: number;
}

export function wapitiArgs(plan: WapitiScanPlan): string[] {
  const modules = plan.mode === 'full' ? [...PASSIVE_MODULES, ...ATTACK_MODULES] : [...PASSIVE_MODULES];
  return [
    '--url',
    plan.startUrl,
    '--scope',
    'folder',
    '--module',
    modules.join(','),
    '--proxy',
    plan.proxyUrl,
    '--format',
    'json',
    '--output',
    plan.reportFile,
    '--flush-session',
    '--store-session',
    plan.sessionDir,
    '--store-config',
    plan.sessionDir,
    '--max-scan-time',
    String(plan.maxScanSeconds),
    '--max-attack-time',
    String(plan.maxAttackSeconds),
    '--timeout',
    '10',
    '--verbose',
    '0',
    '--no-bugreport',
  ];
}
