import { z } from 'zod';
import { EngineError } from '../../core/errors.js';
import type { ZapAlert, ZapInstance, ZapReport } from '../zap/parse-zap-report.js';

/**
 * wapiti 3's JSON report (`-f json`), normalised into the same alerts as a ZAP report so
 * suppressions, new-vs-previous, SARIF, the gate and issues work the same for both scanners.
 * Levels 0-4 (info … critical) map onto ZAP's risks 0-3, critical becoming high. Anomalies
 * (e.g. a 500 under attack) are leads rather than confirmed vulnerabilities: they are kept, as low.
 */
const entry = z.object({
  method: z.string().default('GET'),
  path: z.string(),
  info: z.string().default(''),
  level: z.coerce.number().int().min(0).max(4),
  parameter: z.string().default(''),
  http_request: z.string().default(''),
});
const classification = z.object({
  desc: z.string().default(''),
  sol: z.string().default(''),
  ref: z.record(z.string(), z.string()).default({}),
});
const report = z.object({
  classifications: z.record(z.string(), classification).default({}),
  vulnerabilities: z.record(z.string(), z.array(entry)).default({}),
  anomalies: z.record(z.string(), z.array(entry)).default({}),
  infos: z.object({ target: z.string(), version: z.string().default('Wapiti') }),
});

export function parseWapitiReport(json: string, source = 'wapiti report'): ZapReport {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new EngineError('wapiti', `${source} is not JSON: ${(err as Error).message}`);
  }
  const parsed = report.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EngineError(
      'wapiti',
      `${source} is not a wapiti JSON report: ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  const r = parsed.data;
  const site = new URL(r.infos.target).origin;
  const alerts: ZapAlert[] = [];
  const add = (category: string, entries: z.infer<typeof entry>[], anomaly: boolean): void => {
    const byLevel = new Map<number, z.infer<typeof entry>[]>();
    for (const e of entries) {
      const risk = anomaly ? 1 : Math.min(e.level, 3);
      byLevel.set(risk, [...(byLevel.get(risk) ?? []), e]);
    }
    const c = r.classifications[category];
    const refs = Object.entries(c?.ref ?? {});
    const cwe = refs.map(([k]) => /^CWE-(\d+)/.exec(k)?.[1]).find(Boolean);
    const rule = `wapiti-${category
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}`;
    for (const [risk, list] of byLevel)
      alerts.push({
        site,
        pluginId: rule,
        alertRef: rule,
        name: category,
        risk,
        confidence: 2,
        description: c?.desc ?? '',
        solution: c?.sol ?? '',
        otherInfo: '',
        references: refs.map(([, url]) => url).filter((u) => /^https?:\/\//.test(u)),
        ...(cwe ? { cweId: cwe } : {}),
        systemic: false,
        instances: list.map((e) => instanceOf(site, e)),
        count: list.length,
      });
  };
  for (const [category, entries] of Object.entries(r.vulnerabilities))
    if (entries.length) add(category, entries, false);
  for (const [category, entries] of Object.entries(r.anomalies))
    if (entries.length) add(category, entries, true);
  return {
    programName: 'Wapiti',
    version: r.infos.version.replace(/^Wapiti\s*/i, ''),
    sites: [site],
    alerts,
    insights: [],
  };
}

/** The request line says which URL (with its query) was attacked; `path` alone drops the query. */
function instanceOf(site: string, e: z.infer<typeof entry>): ZapInstance {
  const requestLine = e.http_request.split('\n')[0] ?? '';
  const target = /^[A-Z]+ (\S+) HTTP\//.exec(requestLine)?.[1];
  let uri = site + e.path;
  if (target?.startsWith('/')) uri = site + target;
  return { uri, method: e.method, param: e.parameter, attack: requestLine, evidence: e.info, otherinfo: '' };
}
