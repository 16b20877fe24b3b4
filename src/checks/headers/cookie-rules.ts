import type { HeadersConfig } from '../../core/config/sections/headers.js';
import type { Finding } from '../../core/evidence/model.js';
import { headerFinding } from './finding.js';
import type { ObservedPage } from './observe-page.js';

/** A cookie as the page set it: its name and flags, never its value. */
export interface ObservedCookie {
  name: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: string;
  /** Max-Age=0 or an Expires in the past: the server is deleting it, flags do not matter. */
  clearing: boolean;
}

/** Parse one Set-Cookie line into name and flags; the value is dropped on purpose. */
export function parseSetCookie(line: string, now = Date.now()): ObservedCookie {
  const [pair = '', ...attrs] = line.split(';');
  const name = pair.slice(0, Math.max(pair.indexOf('='), 0)).trim() || pair.trim();
  const cookie: ObservedCookie = { name, secure: false, httpOnly: false, clearing: false };
  for (const attr of attrs) {
    const eq = attr.indexOf('=');
    const key = (eq < 0 ? attr : attr.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? '' : attr.slice(eq + 1).trim();
    if (key === 'secure') cookie.secure = true;
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'samesite') cookie.sameSite = value;
    else if (key === 'max-age' && Number(value) <= 0) cookie.clearing = true;
    else if (key === 'expires' && Date.parse(value) < now) cookie.clearing = true;
  }
  return cookie;
}

type CookieRule = 'secure' | 'http-only' | 'same-site';

function waived(rules: HeadersConfig['cookies'], cookie: string, rule: CookieRule): boolean {
  return rules.exceptions.some(
    (e) =>
      e.rules.includes(rule) &&
      (e.cookie.endsWith('*') ? cookie.startsWith(e.cookie.slice(0, -1)) : e.cookie === cookie),
  );
}

/** Secure, HttpOnly and SameSite on every cookie a page sets, minus the configured waivers. */
export function cookieFindings(observed: ObservedPage, rules: HeadersConfig['cookies']): Finding[] {
  if (!rules.enabled || observed.page.skip.has('cookies')) return [];
  const place = observed.page.path;
  const findings: Finding[] = [];
  for (const cookie of observed.setCookies.map((line) => parseSetCookie(line))) {
    if (cookie.clearing) continue;
    const add = (rule: CookieRule, severity: Finding['severity'], expected: string, seen: string) => {
      if (waived(rules, cookie.name, rule)) return;
      findings.push(
        headerFinding({
          rule: `cookie-${rule}:${cookie.name}`,
          place,
          severity,
          title: `Cookie ${cookie.name} ${seen} on ${place}`,
          problem: `Cookie ${cookie.name} ${seen}`,
          expected,
          seen: `Set-Cookie ${cookie.name} ${seen}`,
          location: `GET ${observed.url}`,
          solution: `Set the cookie with ${expected}.`,
          references: ['https://developer.mozilla.org/docs/Web/HTTP/Headers/Set-Cookie'],
        }),
      );
    };
    if (rules.secure && !cookie.secure) add('secure', rules.severity, 'Secure', 'without Secure');
    if (rules['http-only'] && !cookie.httpOnly)
      add('http-only', rules.severity, 'HttpOnly', 'without HttpOnly');
    if (rules['same-site']) {
      const allowed = rules['same-site-allowed'];
      const value = cookie.sameSite;
      const match = allowed.find((a) => a.toLowerCase() === value?.toLowerCase());
      if (!match) {
        add(
          'same-site',
          rules['same-site-severity'],
          `SameSite=${allowed.join(' or ')}`,
          value === undefined ? 'without SameSite' : `with SameSite=${value}`,
        );
      }
    }
  }
  return findings;
}
