import { TargetUnreachableError } from '../../core/errors.js';
import { RequestRefusedError } from './request-policy.js';

/**
 * One request that got no usable answer — a reset, a refused connection, a header past Node's
 * limit, bytes no HTTP parser accepts, or a request the policy refused — described for the cell or
 * page it belongs to. Checks record it there and keep everything else they measured; anything
 * else (a bug, a config error) is not a request failure and returns undefined.
 */
export function requestFailureReason(err: unknown): string | undefined {
  if (err instanceof RequestRefusedError) return err.message;
  if (!(err instanceof TargetUnreachableError)) return undefined;
  const code = err.code ?? '';
  const what =
    code === 'ABORT_ERR'
      ? 'interrupted'
      : code === 'ECONNRESET' || code === 'EPIPE'
        ? 'connection reset'
        : code === 'ECONNREFUSED'
          ? 'connection refused'
          : code === 'HPE_HEADER_OVERFLOW'
            ? 'response headers too large'
            : code.startsWith('HPE_')
              ? 'invalid bytes in the response'
              : code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT'
                ? 'timed out'
                : 'no answer';
  return `${what}${code ? ` (${code})` : ''}`;
}

/**
 * The failure is the target's, not one response's: nothing listens, the name does not resolve,
 * TLS is not trusted. Later requests cannot be answered either. Resets, header overflows and
 * invalid bytes belong to the one response that had them.
 */
export function targetGone(err: unknown): boolean {
  if (!(err instanceof TargetUnreachableError)) return false;
  const code = err.code ?? '';
  return !(code === 'ECONNRESET' || code === 'EPIPE' || code === 'ABORT_ERR' || code.startsWith('HPE_'));
}
