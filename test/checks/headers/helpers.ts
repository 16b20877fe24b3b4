import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CheckContext } from '../../../src/checks/check.js';
import { parseConfigText } from '../../../src/core/config/load-config.js';
import { FsEvidenceStore } from '../../../src/core/store/fs-evidence-store.js';

const run = promisify(execFile);

/** A real local server; `url` is its base URL. */
export interface LocalServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

async function listen(server: http.Server | https.Server, scheme: 'http' | 'https'): Promise<LocalServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** An http server answering every request with the headers `headersFor` returns. */
export function startHeaderServer(
  headersFor: (req: http.IncomingMessage) => Record<string, string | string[]>,
): Promise<LocalServer> {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', ...headersFor(req) });
    res.end('<!doctype html><title>t</title>');
  });
  return listen(server, 'http');
}

/** An https server with the given key/certificate and TLS options. */
export function startTlsServer(
  tls: { key: string; cert: string } & https.ServerOptions,
  headers: Record<string, string> = {},
): Promise<LocalServer> {
  const server = https.createServer(tls, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', ...headers });
    res.end('ok');
  });
  return listen(server, 'https');
}

/** A self-signed certificate for 127.0.0.1 made by the openssl CLI, valid for `days`. */
export async function selfSignedCertificate(
  dir: string,
  name: string,
  days: number,
): Promise<{ key: string; cert: string; certFile: string }> {
  const keyFile = path.join(dir, `${name}.key`);
  const certFile = path.join(dir, `${name}.crt`);
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    String(days),
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8'), certFile };
}

export async function tempDir(prefix: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `opsgate-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A check context from YAML text, writing into `outDir`. */
export function contextFor(yaml: string, outDir: string, env: NodeJS.ProcessEnv = {}): CheckContext {
  const config = parseConfigText(yaml, 'opsgate.yml', env);
  return {
    config,
    configDir: outDir,
    outDir,
    store: new FsEvidenceStore(path.join(outDir, 'store')),
    log: () => {},
    signal: new AbortController().signal,
    options: {},
  };
}

/** The hardened header set a helmet-style app sends. */
export const HARDENED_HEADERS: Record<string, string> = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};
