import { z } from 'zod';
import { EngineError } from '../../core/errors.js';

/**
 * The ZAP "traditional JSON" report (reports add-on, template traditional-json). Numbers are
 * written as strings; 2.16 adds `nodeName`-less instances, 2.17 adds `insights`, `systemic` and
 * `sequences`. Unknown fields are ignored so newer reports still parse.
 */
const numeric = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) {
    ctx.addIssue({ code: 'custom', message: `expected a number, got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return n;
});
const text = z.string().optional().default('');

const instance = z.object({
  uri: z.string(),
  method: text,
  param: text,
  attack: text,
  evidence: text,
  otherinfo: text,
});

const alert = z.object({
  pluginid: z.union([z.string(), z.number()]).transform(String),
  alertRef: z.union([z.string(), z.number()]).transform(String).optional(),
  alert: z.string().optional(),
  name: z.string().optional(),
  riskcode: numeric.pipe(z.number().int().min(0).max(3)),
  confidence: numeric.pipe(z.number().int().min(0).max(4)),
  desc: text,
  instances: z.array(instance).default([]),
  count: numeric.optional(),
  systemic: z.boolean().optional(),
  solution: text,
  otherinfo: text,
  reference: text,
  cweid: text,
  wascid: text,
});

const insight = z.object({
  level: z.string(),
  reason: z.string(),
  site: z.string(),
  key: z.string(),
  description: z.string(),
  statistic: numeric,
});

const report = z.object({
  '@programName': z.string().optional(),
  '@version': z.string(),
  '@generated': z.string().optional(),
  created: z.string().optional(),
  insights: z.array(insight).optional(),
  site: z
    .array(
      z.object({
        '@name': z.string(),
        '@host': z.string().optional(),
        '@port': z.string().optional(),
        '@ssl': z.string().optional(),
        alerts: z.array(alert).default([]),
      }),
    )
    .nullable()
    .default([]),
});

export type ZapInstance = z.infer<typeof instance>;
export type ZapInsight = z.infer<typeof insight>;

/** One alert with its site, plain text instead of ZAP's HTML paragraphs. */
export interface ZapAlert {
  site: string;
  pluginId: string;
  /** `pluginid` or `pluginid-variant`; the most specific rule identity ZAP gives. */
  alertRef: string;
  name: string;
  /** 0 informational, 1 low, 2 medium, 3 high. */
  risk: number;
  /** 0 false positive, 1 low, 2 medium, 3 high, 4 user confirmed. */
  confidence: number;
  description: string;
  solution: string;
  otherInfo: string;
  references: string[];
  cweId?: string;
  wascId?: string;
  /** ZAP 2.17: the alert is systemic (the same problem across the site). */
  systemic: boolean;
  instances: ZapInstance[];
  /** `count` as ZAP reports it (can exceed the instances listed). */
  count: number;
}

export interface ZapReport {
  programName: string;
  version: string;
  generated?: string;
  sites: string[];
  alerts: ZapAlert[];
  insights: ZapInsight[];
}

/** Parse and normalise a ZAP JSON report; a report ZAP did not write is an EngineError. */
export function parseZapReport(json: string, source = 'ZAP report'): ZapReport {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new EngineError('zap', `${source} is not JSON: ${(err as Error).message}`);
  }
  const parsed = report.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EngineError(
      'zap',
      `${source} is not a ZAP JSON report: ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  const r = parsed.data;
  const sites = r.site ?? [];
  return {
    programName: r['@programName'] ?? 'ZAP',
    version: r['@version'],
    ...(r['@generated'] ? { generated: r['@generated'] } : {}),
    sites: sites.map((s) => s['@name']),
    insights: r.insights ?? [],
    alerts: sites.flatMap((s) =>
      s.alerts.map((a): ZapAlert => ({
        site: s['@name'],
        pluginId: a.pluginid,
        alertRef: a.alertRef || a.pluginid,
        name: a.name ?? a.alert ?? `ZAP rule ${a.pluginid}`,
        risk: a.riskcode,
        confidence: a.confidence,
        description: htmlToText(a.desc),
        solution: htmlToText(a.solution),
        otherInfo: htmlToText(a.otherinfo),
        references: htmlToText(a.reference)
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => /^https?:\/\//.test(l)),
        ...(a.cweid && a.cweid !== '-1' ? { cweId: a.cweid } : {}),
        ...(a.wascid && a.wascid !== '-1' ? { wascId: a.wascid } : {}),
        systemic: a.systemic ?? false,
        instances: a.instances,
        count: a.count ?? a.instances.length,
      })),
    ),
  };
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

/** ZAP wraps paragraphs in `<p>`; make them lines of plain text. */
export function htmlToText(html: string): string {
  return html
    .replace(/<\/p>\s*<p>/gi, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|apos|#39);/g, (_, e: string) => entities[e] ?? '')
    .trim();
}
