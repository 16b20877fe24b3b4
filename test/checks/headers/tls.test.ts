import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeadersCheck } from '../../../src/checks/headers/headers-check.js';
import { tlsVerdicts } from '../../../src/checks/headers/tls-rules.js';
import { headersSection } from '../../../src/core/config/sections/headers.js';
import { TargetUnreachableError } from '../../../src/core/errors.js';
import { evidenceSchema } from '../../../src/core/evidence/model.js';
import { probeTls } from '../../../src/engines/tls/tls-probe.js';
import { runCli } from '../../support/run-cli.js';
import {
  HARDENED_HEADERS,
  contextFor,
  selfSignedCertificate,
  startHeaderServer,
  startTlsServer,
  tempDir,
  type LocalServer,
} from './helpers.js';

const tlsRules = headersSection.unwrap().parse({}).tls;

let tmp: Awaited<ReturnType<typeof tempDir>>;
/** Certificate valid 90 days, modern protocol defaults: every TLS promise kept. */
let healthy: LocalServer;
/** Certificate that expires in 5 days. */
let expiring: LocalServer;
/** Accepts TLS 1.0 (minVersion TLSv1, security level 0 so OpenSSL 3 will actually speak it). */
let legacy: LocalServer;
/** All test certificates, for NODE_EXTRA_CA_CERTS of the CLI runs. */
let caBundle: string;

beforeAll(async () => {
  tmp = await tempDir('headers-tls');
  const long = await selfSignedCertificate(tmp.dir, 'valid-90', 90);
  const short = await selfSignedCertificate(tmp.dir, 'valid-5', 5);
  healthy = await startTlsServer({ key: long.key, cert: long.cert }, HARDENED_HEADERS);
  expiring = await startTlsServer({ key: short.key, cert: short.cert }, HARDENED_HEADERS);
  legacy = await startTlsServer(
    { key: long.key, cert: long.cert, minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' },
    HARDENED_HEADERS,
  );
  caBundle = path.join(tmp.dir, 'ca-bundle.pem');
  await writeFile(caBundle, long.cert + short.cert);
});
afterAll(async () => {
  await Promise.all([healthy?.close(), expiring?.close(), legacy?.close()]);
  await tmp?.remove();
});

const target = (s: LocalServer) => ({ host: '127.0.0.1', port: s.port, timeoutMs: 5_000 });

describe('TLS probe against real local https servers', () => {
  it('a default server refuses TLS 1.0/1.1 and accepts 1.2/1.3; the certificate has ~90 days', async () => {
    const probe = await probeTls(target(healthy));
    expect(probe.versions.map((v) => [v.version, v.outcome])).toEqual([
      ['TLSv1', 'refused'],
      ['TLSv1.1', 'refused'],
      ['TLSv1.2', 'accepted'],
      ['TLSv1.3', 'accepted'],
    ]);
    expect(probe.certificate!.daysLeft).toBeGreaterThan(89);
    expect(probe.certificate!.daysLeft).toBeLessThanOrEqual(90);
    expect(probe.certificate!.trusted).toBe(false); // self-signed, not in this process's roots
    expect(probe.certificate!.trustError).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');

    const { thresholds, findings } = tlsVerdicts(probe, tlsRules);
    expect(thresholds.map((t) => [t.limit, t.actual, t.ok])).toEqual([
      ['TLSv1.2', 'TLSv1.2', true],
      [21, 89, true],
    ]);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['headers.tls-trusted', 'high']]);
  });

  it('a server that accepts TLS 1.0 breaks the minimum-version promise', async () => {
    const probe = await probeTls(target(legacy));
    expect(probe.versions.find((v) => v.version === 'TLSv1')!.outcome).toBe('accepted');
    const [version] = tlsVerdicts(probe, tlsRules).thresholds;
    expect(version).toMatchObject({ limit: 'TLSv1.2', actual: 'TLSv1', ok: false });
    expect(version!.detail).toMatch(/^accepts TLSv1, TLSv1.1, older than TLSv1.2/);
  });

  it('a certificate expiring in 5 days breaks the certificate promise', async () => {
    const probe = await probeTls(target(expiring));
    const [version, cert] = tlsVerdicts(probe, tlsRules).thresholds;
    expect(version!.ok).toBe(true);
    expect(cert).toMatchObject({ limit: 21, actual: 4, ok: false, unit: 'days' });
    expect(tlsVerdicts(probe, { ...tlsRules, 'cert-min-days': 3 }).thresholds[1]!.ok).toBe(true);
  });

  it('requiring TLS 1.3 fails a server that still accepts TLS 1.2', async () => {
    const probe = await probeTls(target(healthy));
    const [version] = tlsVerdicts(probe, { ...tlsRules, 'min-version': 'TLSv1.3' }).thresholds;
    expect(version).toMatchObject({ limit: 'TLSv1.3', actual: 'TLSv1.2', ok: false });
  });

  it('a version this machine could not offer is a skip with the reason, never a pass by refusal', () => {
    const { thresholds } = tlsVerdicts(
      {
        host: 'h',
        port: 443,
        versions: [
          { version: 'TLSv1', outcome: 'inconclusive', code: 'ERR_SSL_NO_PROTOCOLS_AVAILABLE' },
          { version: 'TLSv1.1', outcome: 'refused', code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
          { version: 'TLSv1.2', outcome: 'accepted' },
          { version: 'TLSv1.3', outcome: 'accepted' },
        ],
      },
      tlsRules,
    );
    expect(thresholds[0]!.skipped).toMatch(/^could not offer TLSv1 from this machine/);
  });

  it('a plain http port answers no TLS version and has no certificate', async () => {
    const plain = await startHeaderServer(() => ({}));
    try {
      const probe = await probeTls({ ...target(plain), port: plain.port });
      expect(probe.versions.every((v) => v.outcome === 'refused')).toBe(true);
      expect(probe.certificate).toBeUndefined();
      const [version, cert] = tlsVerdicts(probe, tlsRules).thresholds;
      expect(version).toMatchObject({ actual: 'none', ok: false });
      expect(cert).toMatchObject({ actual: null, ok: false });
    } finally {
      await plain.close();
    }
  });

  it('a closed port is unreachable, naming what was tried', async () => {
    const closed = await startHeaderServer(() => ({}));
    await closed.close();
    await expect(probeTls(target(closed))).rejects.toThrow(
      new RegExp(`TLS handshake with 127\\.0\\.0\\.1:${closed.port}.*ECONNREFUSED`),
    );
  });

  it('the check on a closed https port exits unreachable with the URL tried', async () => {
    const closed = await startHeaderServer(() => ({}));
    await closed.close();
    const url = `https://127.0.0.1:${closed.port}`;
    const ctx = contextFor(`target:\n  base-url: ${url}\nheaders: {}\n`, tmp.dir);
    await expect(runHeadersCheck(ctx)).rejects.toThrow(
      `target unreachable: tried TLS handshake with ${url}/ (ECONNREFUSED)`,
    );
  });

  it('the check on an untrusted https target stops with the reason next to the URL', async () => {
    const ctx = contextFor(`target:\n  base-url: ${healthy.url}\nheaders: {}\n`, tmp.dir);
    const err = await runHeadersCheck(ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TargetUnreachableError);
    expect((err as Error).message).toContain(`GET ${healthy.url}/`);
    expect((err as Error).message).toContain('certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)');
  });
});

/** The CLI in a child process, trusting the test certificates like a private CA. */
async function cliHeaders(server: LocalServer, name: string) {
  const dir = path.join(tmp.dir, name);
  const config = path.join(tmp.dir, `${name}.yml`);
  await writeFile(config, `target:\n  base-url: ${server.url}\nheaders: {}\n`);
  const child = await runCli(['headers', '--config', config, '--out', dir], {
    NODE_EXTRA_CA_CERTS: caBundle,
  });
  const evidence = evidenceSchema.parse(
    JSON.parse(await readFile(path.join(dir, 'evidence', 'headers.json'), 'utf8')),
  );
  return { ...child, evidence };
}

describe('opsgate headers on https targets (CLI)', () => {
  it('healthy: TLS 1.2+, 90-day trusted certificate, hardened headers → exit 0', async () => {
    const { code, evidence } = await cliHeaders(healthy, 'healthy');
    expect(evidence.findings).toEqual([]);
    expect(evidence.thresholds.map((t) => t.ok)).toEqual([true, true]);
    expect(evidence.metrics.cert_days_left).toBe(89);
    expect(evidence.verdict).toBe('pass');
    expect(code).toBe(0);
  });

  it('legacy protocols accepted → exit 1 on the minimum-version threshold', async () => {
    const { code, evidence } = await cliHeaders(legacy, 'legacy');
    expect(evidence.thresholds.filter((t) => !t.ok).map((t) => t.name)).toEqual([
      `TLS minimum version TLSv1.2 (127.0.0.1:${legacy.port})`,
    ]);
    expect(code).toBe(1);
  });

  it('certificate expiring in 5 days → exit 1 on the certificate threshold', async () => {
    const { code, evidence } = await cliHeaders(expiring, 'expiring');
    expect(evidence.thresholds.filter((t) => !t.ok).map((t) => [t.name, t.actual])).toEqual([
      [`TLS certificate days to expiry (127.0.0.1:${expiring.port})`, 4],
    ]);
    expect(code).toBe(1);
  });
});
