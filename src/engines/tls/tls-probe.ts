import tls from 'node:tls';
import { TargetUnreachableError } from '../../core/errors.js';

/** Protocol versions the probe can pin (SSLv3 is gone from Node's OpenSSL entirely). */
export const PROBED_TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsVersion = (typeof PROBED_TLS_VERSIONS)[number];

/**
 * How one pinned handshake ended. `inconclusive` means this machine could not make the attempt
 * (its OpenSSL would not offer the version, or no answer in time) — never read as "refused".
 */
export interface TlsVersionResult {
  version: TlsVersion;
  outcome: 'accepted' | 'refused' | 'inconclusive';
  /** OpenSSL / socket error code when not accepted. */
  code?: string;
}

export interface TlsCertificateInfo {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** Whole and fractional days until `validTo`; negative once expired. */
  daysLeft: number;
  /** Chain and host name verified against the trusted roots (incl. NODE_EXTRA_CA_CERTS). */
  trusted: boolean;
  /** Why it is not trusted, e.g. DEPTH_ZERO_SELF_SIGNED_CERT or ERR_TLS_CERT_ALTNAME_INVALID. */
  trustError?: string;
  /** Protocol an unpinned client negotiates. */
  negotiated: string;
}

export interface TlsProbeResult {
  host: string;
  port: number;
  versions: TlsVersionResult[];
  certificate?: TlsCertificateInfo;
}

export interface TlsProbeOptions {
  host: string;
  port: number;
  /** SNI name; defaults to the host when it is not an IP address. */
  servername?: string;
  timeoutMs?: number;
  versions?: readonly TlsVersion[];
  now?: Date;
  /** How to name the target in an unreachable error (e.g. the base URL); defaults to host:port. */
  label?: string;
}

/**
 * Node 20 / OpenSSL 3 refuse TLS 1.0 and 1.1 on the client side at the default security level.
 * Security level 0 lets the probe offer them, so a failed handshake means the *server* refused.
 */
const PROBE_CIPHERS = 'DEFAULT@SECLEVEL=0';

/** Errors raised by our own side before the server had a say: the attempt proves nothing. */
const CLIENT_SIDE =
  /NO_PROTOCOLS_AVAILABLE|NO_CIPHERS_AVAILABLE|LEGACY_SIGALG|NO_SUITABLE_SIGNATURE_ALGORITHM|ERR_SSL_UNSAFE_LEGACY_RENEGOTIATION_DISABLED|ERR_TLS_INVALID_PROTOCOL_VERSION/;
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

const MS_PER_DAY = 86_400_000;

/**
 * Which protocol versions a server accepts and what certificate it presents. One unpinned
 * handshake reads the certificate, then one handshake per version pinned with min = max.
 * A closed port is TargetUnreachableError; every handshake is bounded by `timeoutMs`.
 */
export async function probeTls(opts: TlsProbeOptions): Promise<TlsProbeResult> {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const certificate = await readCertificate(opts, timeoutMs, opts.now ?? new Date());
  const versions: TlsVersionResult[] = [];
  for (const version of opts.versions ?? PROBED_TLS_VERSIONS) {
    versions.push(await probeVersion(opts, version, timeoutMs));
  }
  return { host: opts.host, port: opts.port, versions, ...(certificate ? { certificate } : {}) };
}

interface Handshake {
  socket?: tls.TLSSocket;
  code?: string;
  timedOut?: boolean;
}

function handshake(opts: TlsProbeOptions, extra: tls.ConnectionOptions, timeoutMs: number) {
  return new Promise<Handshake>((resolve) => {
    const socket = tls.connect({
      host: opts.host,
      port: opts.port,
      servername: sniName(opts),
      rejectUnauthorized: false,
      ciphers: PROBE_CIPHERS,
      ...extra,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ timedOut: true, code: 'ETIMEDOUT' });
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      resolve({ socket });
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ code: err.code ?? err.message });
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve({ code: 'ECONNRESET' });
    });
  });
}

async function readCertificate(
  opts: TlsProbeOptions,
  timeoutMs: number,
  now: Date,
): Promise<TlsCertificateInfo | undefined> {
  const h = await handshake(opts, {}, timeoutMs);
  if (h.code && UNREACHABLE.has(h.code)) {
    throw unreachable(opts, h.code);
  }
  const socket = h.socket;
  if (!socket) return undefined;
  try {
    const cert = socket.getPeerCertificate();
    if (!cert || !cert.valid_to) return undefined;
    const authError = socket.authorizationError as unknown as Error | string | null;
    return {
      subject: describeName(cert.subject),
      issuer: describeName(cert.issuer),
      validFrom: cert.valid_from,
      validTo: cert.valid_to,
      daysLeft: (Date.parse(cert.valid_to) - now.getTime()) / MS_PER_DAY,
      trusted: socket.authorized,
      ...(authError ? { trustError: typeof authError === 'string' ? authError : authError.message } : {}),
      negotiated: socket.getProtocol() ?? 'unknown',
    };
  } finally {
    socket.destroy();
  }
}

async function probeVersion(
  opts: TlsProbeOptions,
  version: TlsVersion,
  timeoutMs: number,
): Promise<TlsVersionResult> {
  const h = await handshake(opts, { minVersion: version, maxVersion: version }, timeoutMs);
  if (h.socket) {
    const negotiated = h.socket.getProtocol();
    h.socket.destroy();
    return negotiated === version
      ? { version, outcome: 'accepted' }
      : { version, outcome: 'inconclusive', code: `negotiated ${negotiated}` };
  }
  const code = h.code ?? 'unknown';
  if (h.timedOut || CLIENT_SIDE.test(code)) return { version, outcome: 'inconclusive', code };
  if (UNREACHABLE.has(code)) throw unreachable(opts, code);
  return { version, outcome: 'refused', code };
}

function unreachable(opts: TlsProbeOptions, code: string): TargetUnreachableError {
  return new TargetUnreachableError(
    [`TLS handshake with ${opts.label ?? `${opts.host}:${opts.port}`}`],
    new Error(code),
  );
}

function sniName(opts: TlsProbeOptions): string | undefined {
  if (opts.servername) return opts.servername;
  const host = opts.host.replace(/^\[|\]$/g, '');
  return /^[\d.]+$/.test(host) || host.includes(':') ? undefined : host;
}

function describeName(name: tls.Certificate | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    .join(', ');
}
