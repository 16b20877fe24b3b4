import { decodeLatin1Utf8 } from '../../core/render/untrusted-text.js';
import type { HttpResponse } from '../../engines/http/http-client.js';
import type { TargetClient } from '../../engines/http/sessions.js';
import type { PagePlan } from './plan.js';

/** What one GET of a page showed: status, response headers and the raw Set-Cookie lines. */
export interface ObservedPage {
  page: PagePlan;
  url: string;
  status: number;
  timedOut: boolean;
  headers: Headers;
  setCookies: string[];
}

/** Fetch a page as its identity; redirects are not followed (a 302 has headers too). */
export async function observePage(client: TargetClient, page: PagePlan): Promise<ObservedPage> {
  const res: HttpResponse = await client.send(page.identity, { method: 'GET', path: page.path });
  return {
    page,
    url: client.url(page.path),
    status: res.status,
    timedOut: res.timedOut === true,
    headers: res.headers,
    setCookies: res.headers.getSetCookie().map(decodeLatin1Utf8),
  };
}
