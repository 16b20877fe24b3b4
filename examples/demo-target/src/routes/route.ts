import { HttpError, type RequestContext } from '../context.js';

export type Handler = (ctx: RequestContext, params: string[]) => Promise<void>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Anchored pattern; capture groups become params. */
  pattern: RegExp;
  /** Public routes skip authentication. */
  public?: boolean;
  handler: Handler;
}

/** Ids are bigserial; anything else cannot name a row, so it is a 404 like a missing row. */
export function parseId(raw: string | undefined): number {
  if (!raw || !/^\d{1,15}$/.test(raw)) throw new HttpError(404, 'not found');
  return Number(raw);
}

export function pagination(url: URL): { limit: number; offset: number } {
  const limit = Number(url.searchParams.get('limit') ?? 50);
  const offset = Number(url.searchParams.get('offset') ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new HttpError(400, 'limit must be an integer 1-500');
  if (!Number.isInteger(offset) || offset < 0)
    throw new HttpError(400, 'offset must be a non-negative integer');
  return { limit, offset };
}

export function requireString(body: Record<string, unknown>, field: string, max = 200): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw new HttpError(400, `${field} must be a non-empty string of at most ${max} characters`);
  }
  return value.trim();
}

export function requireCents(body: Record<string, unknown>, field: string): number {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new HttpError(400, `${field} must be a non-negative integer`);
  }
  return value;
}
