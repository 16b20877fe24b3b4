import http from 'node:http';
import https from 'node:https';
import { TargetUnreachableError } from '../../core/errors.js';
import { recordRequest } from './request-ledger.js';

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
  timeoutMs?: number;
  /** The run's abort signal: an interrupted run drops its in-flight requests at once. */
  signal?: AbortSignal;
  /** Who the request is sent as, for the run's request ledger (`-` when none applies). */
  identity?: string;
  /** Stop reading a body past this many bytes (the answer then has `tooLarge` and no text). */
  maxBodyBytes?: number;
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
  /** The body passed `maxBodyBytes`: the rest was not read. */
  tooLarge?: boolean;
}

/**
 * Keep-alive agents shared by every probe: one TCP connection serves many requests, as a
 * browser or API client would, so probe latency is the target's and not the handshake's.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

/**
 * One HTTP exchange with the target. Redirects are not followed (a 302 to a login page is an
 * answer a probe must see). Connection failures become TargetUnreachableError naming what was
 * tried; a timeout is an answer (status 0, timedOut) because slowness is something we measure.
 */
export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const headers: Record<string, string> = { ...req.headers };
  const has = (name: string): boolean => Object.keys(headers).some((h) => h.toLowerCase() === name);
  if (!has('accept')) headers.accept = '*/*';
  if (!has('user-agent')) headers['user-agent'] = 'opsgate';
  let body: string | undefined;
  if (req.body !== undefined) {
    if (typeof req.body === 'string') body = req.body;
    else {
      body = JSON.stringify(req.body);
      if (!has('content-type')) headers['content-type'] = 'application/json';
    }
  }
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  const url = new URL(req.url);
  const started = performance.now();
  let res: HttpResponse;
  try {
    try {
      res = await exchange(req, url, headers, body, started);
    } catch (err) {
      // A kept-alive connection the server closed while idle: the request never reached it, send it again once.
      if (!(err as { reusedSocket?: boolean }).reusedSocket) throw err;
      res = await exchange(req, url, headers, body, performance.now());
    }
  } catch (err) {
    throw new TargetUnreachableError([`${req.method} ${req.url}`], err);
  }
  // Every answered request (a timeout included: the target may have counted it) enters the ledger.
  recordRequest({ url: req.url, identity: req.identity ?? '-', method: req.method, status: res.status });
  return res;
}

function exchange(
  req: HttpRequest,
  url: URL,
  headers: Record<string, string>,
  body: string | undefined,
  started: number,
): Promise<HttpResponse> {
  const transport = url.protocol === 'https:' ? https : http;
  const agent = agents[url.protocol as keyof typeof agents];
  return new Promise<HttpResponse>((resolve, reject) => {
    let timedOut = false;
    let cut = false;
    const r = transport.request(url, { method: req.method, headers, agent, signal: req.signal }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (req.maxBodyBytes === undefined || size <= req.maxBodyBytes) return void chunks.push(c);
        if (cut) return;
        // A body past the caller's bound is not read further: the target chose its size, not us.
        cut = true;
        clearTimeout(timer);
        r.destroy();
        const status = res.statusCode ?? 0;
        resolve({
          status,
          headers: new Headers(),
          text: '',
          json: undefined,
          ms: performance.now() - started,
          tooLarge: true,
        });
      });
      res.on('error', (err) => fail(err));
      res.on('end', () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        const h = new Headers();
        const raw = res.rawHeaders;
        for (let i = 0; i + 1 < raw.length; i += 2) h.append(raw[i]!, raw[i + 1]!);
        let json: unknown;
        if ((h.get('content-type') ?? '').includes('json') && text) {
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
        }
        resolve({ status: res.statusCode ?? 0, headers: h, text, json, ms: performance.now() - started });
      });
    });
    const timer = setTimeout(() => {
      timedOut = true;
      r.destroy();
      resolve({
        status: 0,
        headers: new Headers(),
        text: '',
        json: undefined,
        ms: performance.now() - started,
        timedOut: true,
      });
    }, req.timeoutMs ?? 10_000);
    const fail = (err: Error): void => {
      clearTimeout(timer);
      if (timedOut || cut) return;
      const code = (err as NodeJS.ErrnoException).code;
      if (r.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE'))
        Object.assign(err, { reusedSocket: true });
      reject(err);
    };
    r.on('error', fail);
    r.end(body);
  });
}
