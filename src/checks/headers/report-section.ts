import { untrustedCell } from '../../core/render/untrusted-text.js';
import { cell } from '../../core/render/markdown.js';
import type { TlsProbeResult } from '../../engines/tls/tls-probe.js';
import type { PageRecord } from './page-record.js';

const SHOWN = [
  'strict-transport-security',
  'content-security-policy',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'server',
  'x-powered-by',
];

function short(value: string | undefined): string {
  if (value === undefined) return '—';
  return untrustedCell(value, 120);
}

/** Markdown for the report: which security headers each page sent, and the TLS versions. */
export function observedHeadersMarkdown(pages: PageRecord[], tls?: TlsProbeResult): string {
  const out = [
    `| Header | ${pages.map((p) => `${cell(p.path)} (${p.status})`).join(' | ')} |`,
    `|---|${pages.map(() => '---').join('|')}|`,
  ];
  for (const name of SHOWN) out.push(`| ${name} | ${pages.map((p) => short(p.headers[name])).join(' | ')} |`);
  out.push(
    `| cookies | ${pages
      .map(
        (p) =>
          p.cookies
            .map(
              (c) =>
                `${cell(c.name)}: ${[c.secure && 'Secure', c.httpOnly && 'HttpOnly', c.sameSite && `SameSite=${cell(c.sameSite)}`].filter(Boolean).join(' ') || 'no flags'}`,
            )
            .join('<br>') || '—',
      )
      .join(' | ')} |`,
  );
  if (tls) {
    out.push(
      '',
      `TLS ${tls.host}:${tls.port}: ${tls.versions.map((v) => `${v.version} ${v.outcome}`).join(', ')}` +
        (tls.certificate
          ? `; certificate valid to ${tls.certificate.validTo} (${Math.floor(tls.certificate.daysLeft)} days)`
          : ''),
    );
  }
  return out.join('\n');
}
