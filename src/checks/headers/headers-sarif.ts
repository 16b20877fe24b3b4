import { lineOfKey } from '../../core/config/load-config.js';
import type { HeadersConfig } from '../../core/config/sections/headers.js';
import type { Evidence, Finding } from '../../core/evidence/model.js';
import { writeSarif, type SarifLocation, type SarifRule } from '../../core/render/sarif.js';
import { configInRepository } from '../config-sarif.js';

const MDN = 'https://developer.mozilla.org/docs/Web/HTTP/';

/** One rule per headers `ruleId` (a rule such as `banner` covers every forbidden header). */
const RULES: Record<string, Omit<SarifRule, 'id'>> = {
  hsts: {
    name: 'Strict-Transport-Security missing or weak',
    helpUri: `${MDN}Headers/Strict-Transport-Security`,
  },
  csp: { name: 'Content-Security-Policy missing', helpUri: `${MDN}Headers/Content-Security-Policy` },
  'csp-directive': {
    name: 'Content-Security-Policy lacks a required directive',
    helpUri: `${MDN}Headers/Content-Security-Policy`,
  },
  'content-type-options': {
    name: 'X-Content-Type-Options not nosniff',
    helpUri: `${MDN}Headers/X-Content-Type-Options`,
  },
  'frame-protection': { name: 'No frame protection', helpUri: `${MDN}Headers/X-Frame-Options` },
  'referrer-policy': {
    name: 'Referrer-Policy missing or permissive',
    helpUri: `${MDN}Headers/Referrer-Policy`,
  },
  banner: { name: 'Server software banner exposed' },
  'cookie-secure': { name: 'Cookie without Secure', helpUri: `${MDN}Headers/Set-Cookie` },
  'cookie-http-only': { name: 'Cookie without HttpOnly', helpUri: `${MDN}Headers/Set-Cookie` },
  'cookie-same-site': { name: 'Cookie SameSite not as required', helpUri: `${MDN}Headers/Set-Cookie` },
  cors: { name: 'CORS allows foreign origins with credentials', helpUri: `${MDN}CORS` },
  'tls-trusted': { name: 'TLS certificate not trusted' },
  'no-answer': { name: 'Page gave no usable answer' },
  timeout: { name: 'Page did not answer in time' },
};

/**
 * The headers SARIF (`out/sarif/headers.sarif`) for GitHub code scanning. Results sit on
 * opsgate.yml: the `headers.paths` entry of the page a finding is about, else the `headers`
 * section. Written on every run, even without findings, so code scanning closes fixed alerts.
 */
export async function writeHeadersSarif(
  o: { outDir: string; configDir: string; configFile?: string; rules: HeadersConfig },
  e: Evidence,
): Promise<string> {
  const config = await configInRepository(o);
  const sectionLine = lineOfKey(config.text, ['headers']);
  const pathLines = new Map<string, number>();
  o.rules.paths.forEach((entry, i) => {
    const p = typeof entry === 'string' ? entry : entry.path;
    if (!pathLines.has(p)) pathLines.set(p, lineOfKey(config.text, ['headers', 'paths', i]));
  });
  const locate = (f: Finding): SarifLocation => ({
    file: config.rel,
    line: (f.place && pathLines.get(f.place)) || sectionLine,
  });
  const rules = Object.entries(RULES).map(([id, r]) => ({
    id: `headers.${id}`,
    ...r,
    help: e.findings.find((f) => f.ruleId === `headers.${id}` && f.solution)?.solution,
  }));
  return writeSarif(o.outDir, e, { name: 'opsgate headers', rules }, { locate, informational: 'omit' });
}
