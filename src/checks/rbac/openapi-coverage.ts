import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { RbacConfig } from '../../core/config/sections/rbac.js';
import { ConfigError } from '../../core/errors.js';
import type { Finding } from '../../core/evidence/model.js';
import { fingerprintOf } from '../../core/gate/fingerprint.js';
import type { TargetClient } from '../../engines/http/sessions.js';
import { fillTemplate } from './fixtures.js';
import type { CellResult } from './probe-cells.js';

/** One operation of the OpenAPI document. */
export interface ApiOperation {
  method: string;
  path: string;
  /** Declares a non-empty security requirement (`security: [{}]` means optional: not secured). */
  secured: boolean;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

type OpenApiSource = NonNullable<RbacConfig['openapi']>;

/** Read the document from a file next to opsgate.yml or from a path on the target. */
export async function loadOpenApi(
  src: OpenApiSource,
  configDir: string,
  client: TargetClient,
): Promise<unknown> {
  let text: string;
  if (src.file) {
    const file = path.resolve(configDir, src.file);
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new ConfigError([
        { path: 'rbac.openapi.file', message: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code}` },
      ]);
    }
  } else {
    const res = await client.send('anonymous', { method: 'GET', path: src.path! });
    if (res.status !== 200)
      throw new ConfigError([
        {
          path: 'rbac.openapi.path',
          message: `GET ${src.path} answered ${res.status}, expected 200 with the OpenAPI document`,
        },
      ]);
    text = res.text;
  }
  try {
    return parseYaml(text);
  } catch (err) {
    throw new ConfigError([
      { path: 'rbac.openapi', message: `the OpenAPI document does not parse: ${(err as Error).message}` },
    ]);
  }
}

/** Operations with their effective security (operation-level overrides the document default). */
export function operationsOf(doc: unknown): ApiOperation[] {
  const d = (doc ?? {}) as { paths?: Record<string, Record<string, unknown>>; security?: unknown };
  if (!d.paths || typeof d.paths !== 'object')
    throw new ConfigError([{ path: 'rbac.openapi', message: 'the OpenAPI document has no paths' }]);
  const secured = (req: unknown): boolean =>
    Array.isArray(req) && req.length > 0 && req.every((r) => r && Object.keys(r).length > 0);
  const ops: ApiOperation[] = [];
  for (const [p, item] of Object.entries(d.paths)) {
    for (const m of METHODS) {
      const op = item?.[m] as { security?: unknown } | undefined;
      if (!op) continue;
      ops.push({ method: m.toUpperCase(), path: p, secured: secured(op.security ?? d.security) });
    }
  }
  return ops;
}

/** `/api/companies/{company}` and `/api/companies/{id}` are the same endpoint. */
export function endpointKey(method: string, p: string): string {
  return `${method.toUpperCase()} ${p.replace(/\{[^}]+\}/g, '{}').replace(/\/+$/, '') || '/'}`;
}

/**
 * Coverage findings: operations the rbac config never probes (low), and operations that
 * declare security yet answered 2xx without credentials (high), from anonymous matrix cells
 * and, when enabled, an anonymous GET of every secured read operation.
 */
export async function openApiFindings(
  ops: ApiOperation[],
  probed: Set<string>,
  cells: CellResult[],
  opts: {
    client: TargetClient;
    statics: Record<string, string>;
    probeAnonymous: boolean;
    signal: AbortSignal;
  },
): Promise<{ findings: Finding[]; uncovered: string[]; openToAnonymous: string[] }> {
  const findings: Finding[] = [];
  const uncovered: string[] = [];
  const openToAnonymous: string[] = [];
  const anonymous = new Map<string, CellResult>();
  for (const c of cells)
    if (c.identity === 'anonymous' && c.status !== null) anonymous.set(endpointKey(c.method, c.path), c);
  for (const op of ops) {
    const key = endpointKey(op.method, op.path);
    if (!probed.has(key)) {
      uncovered.push(key);
      findings.push({
        fingerprint: fingerprintOf('rbac', 'openapi-uncovered', key),
        severity: 'low',
        title: `${op.method} ${op.path} is never probed by the rbac matrix`,
        detail: `The OpenAPI document declares ${op.method} ${op.path}, but no matrix row or ownership probe covers it, so nobody checks who may call it.`,
        location: `${op.method} ${op.path}`,
        ruleId: 'rbac-openapi-uncovered',
        solution: 'Add a matrix row (or a default rule) with the expected status per identity.',
      });
    }
    if (!op.secured) continue;
    let status = anonymous.get(key)?.status ?? undefined;
    if (
      status === undefined &&
      opts.probeAnonymous &&
      (op.method === 'GET' || op.method === 'HEAD') &&
      !opts.signal.aborted
    ) {
      const filled = fillTemplate(op.path, opts.statics);
      if (!/\{[^}]+\}/.test(filled))
        status = (await opts.client.send('anonymous', { method: op.method, path: filled })).status;
    }
    if (status !== undefined && status >= 200 && status < 300) {
      openToAnonymous.push(key);
      findings.push({
        fingerprint: fingerprintOf('rbac', 'openapi-open', key),
        severity: 'high',
        title: `${op.method} ${op.path} declares security but answered ${status} without credentials`,
        detail: `The OpenAPI document requires authentication for ${op.method} ${op.path}; an anonymous request got ${status}.`,
        location: `${op.method} ${op.path}`,
        ruleId: 'rbac-openapi-open',
        solution:
          'Enforce authentication on this operation, or correct the document if it is meant to be public.',
      });
    }
  }
  return { findings, uncovered, openToAnonymous };
}
