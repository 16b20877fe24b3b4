import { TargetUnreachableError } from '../../core/errors.js';

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body when the response is JSON, else undefined. */
  json: unknown;
  ms: number;
  /** Set when the request timed out; status is then 0. */
  timedOut?: boolean;
}

/**
 * One HTTP exchange with the target. Redirects are not followed (a 302 to a login page is an
 * answer a probe must see). Connection failures become TargetUnreachableError naming what was
 * tried; a timeout is an answer (status 0, timedOut) because slowness is something we measure.
 */
export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const headers: Record<string, string> = { ...req.headers };
  let body: string | undefined;
  if (req.body !== undefined) {
    if (typeof req.body === 'string') body = req.body;
    else {
      body = JSON.stringify(req.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
        headers['content-type'] = 'application/json';
    }
  }
  const started = performance.now();
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(req.timeoutMs ?? 10_000),
    });
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return {
        status: 0,
        headers: new Headers(),
        text: '',
        json: undefined,
        ms: performance.now() - started,
        timedOut: true,
      };
    }
    throw new TargetUnreachableError([`${req.method} ${req.url}`], err);
  }
  const text = await res.text();
  let json: unknown;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: res.status, headers: res.headers, text, json, ms: performance.now() - started };
}
