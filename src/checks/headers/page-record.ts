import { decodeLatin1Utf8 } from '../../core/render/untrusted-text.js';
import type { CorsObservation } from './cors-probe.js';
import { parseSetCookie, type ObservedCookie } from './cookie-rules.js';
import type { ObservedPage } from './observe-page.js';

/** Headers worth recording as evidence: the security ones and the banners. */
export const RECORDED_HEADERS = [
  'strict-transport-security',
  'content-security-policy',
  'content-security-policy-report-only',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'permissions-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'cross-origin-embedder-policy',
  'cache-control',
  'server',
  'x-powered-by',
] as const;

/** What the evidence keeps about one page: header values and cookie flags (never cookie values). */
export interface PageRecord {
  path: string;
  identity: string;
  url: string;
  status: number;
  timedOut?: boolean;
  headers: Record<string, string>;
  cookies: Omit<ObservedCookie, 'clearing'>[];
  cors?: Omit<CorsObservation, 'permissive'> & { permissive: string | false };
  /** The request got no usable answer (reset, header overflow, invalid bytes): why. */
  error?: string;
}

/** Reduce an observed page (and its CORS answer) to what the evidence keeps. */
export function pageRecord(
  observed: ObservedPage,
  extraBanners: readonly string[],
  cors?: CorsObservation,
): PageRecord {
  const headers: Record<string, string> = {};
  for (const name of new Set([...RECORDED_HEADERS, ...extraBanners.map((b) => b.toLowerCase())])) {
    const value = observed.headers.get(name);
    if (value !== null) headers[name] = decodeLatin1Utf8(value);
  }
  return {
    path: observed.page.path,
    identity: observed.page.identity,
    url: observed.url,
    status: observed.status,
    ...(observed.timedOut ? { timedOut: true } : {}),
    headers,
    cookies: observed.setCookies.map((line) => {
      const { name, secure, httpOnly, sameSite } = parseSetCookie(line);
      return { name, secure, httpOnly, ...(sameSite !== undefined ? { sameSite } : {}) };
    }),
    ...(cors ? { cors } : {}),
  };
}
