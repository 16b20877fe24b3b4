import { redact } from '../../core/secrets.js';
import type { HttpResponse } from '../../engines/http/http-client.js';

/** How a refused request answered, for messages: the status and the first 500 bytes of the redacted body. */
export function answerText(res: HttpResponse): string {
  if (!res.status) return 'nothing (timeout)';
  const body = redact(res.text).replace(/\s+/g, ' ').trim();
  return body ? `${res.status}: ${Buffer.from(body).subarray(0, 500).toString('utf8')}` : String(res.status);
}
