import type { IdentityConfig } from '../../config/sections/identities.js';
import type { RbacConfig, RbacMatrixRow, RbacOwnershipProbe } from '../../config/sections/rbac.js';
import type { Threshold } from '../../evidence/model.js';
import { placeholdersIn } from '../../config/placeholders.js';
import { shellComment, shellWord } from '../shell.js';
import { endpointOf } from './control-history.js';
import { authVar, jqFilter, loginLines } from './rbac-login.js';
import { bodyArgs, bound, headerArgs, placeholderVar, urlArg, type Binding } from './rbac-request.js';

/**
 * The access-control runbook's "Reproduce with curl" block. The rbac evidence names a cell by
 * its configured path template (`viewer DELETE /api/companies/{doomed-company}`, see
 * src/checks/rbac/plan-matrix.ts), never by the id the run used: that record was deleted again.
 * So the block does what the check did: create the sacrificial record as the fixture's (or the
 * ownership probe's) creator, probe it as the cell's identity, and delete it again.
 */

/** `viewer DELETE /api/companies/{id} (name)` → identity, method, path. */
export function parseCell(name: string): { identity: string; method: string; path: string } {
  const ep = endpointOf(name);
  const identity = name.split(/\s+/)[0] ?? 'anonymous';
  return { identity, method: ep?.method ?? '?', path: ep?.path ?? name };
}

/** Reads the id the way the check does: the value at id-path, when it is a string or a number. */
function idFilter(jsonPath: string): string {
  return shellWord(`${jqFilter(jsonPath)} | select(type == "string" or type == "number")`);
}

const NO_ID = 'no id: the create request above failed';
const STATUS = `-w '%{http_code}\\n'`;

interface Request {
  identity: string;
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Builds the block line by line; each identity logs in once, before its first request. */
class ReproScript {
  readonly lines: string[];
  private readonly loggedIn = new Set<string>();
  private readonly declared = new Set<string>();
  readonly statics: Record<string, Binding> = {};

  constructor(
    base: string,
    private readonly identities: Record<string, IdentityConfig>,
    readonly rbac: RbacConfig | undefined,
  ) {
    this.lines = ['```bash', `BASE=${shellWord(base)}`];
    for (const [name, f] of Object.entries(rbac?.fixtures ?? {}))
      if (typeof f !== 'object') this.statics[name] = { value: String(f) };
  }

  private as(identity: string): string {
    if (!this.loggedIn.has(identity)) {
      this.loggedIn.add(identity);
      const cfg = Object.hasOwn(this.identities, identity) ? this.identities[identity] : undefined;
      this.lines.push(...loginLines(identity, cfg));
    }
    return `"\${${authVar(identity)}[@]}"`;
  }

  /** The curl command of a request (its output options first). */
  curl(r: Request, bindings: Record<string, Binding>, output: string): string {
    const auth = this.as(r.identity);
    return `curl -s ${output ? `${output} ` : ''}-X ${shellWord(r.method)} ${auth} ${urlArg(r.path, bindings)}${headerArgs(r.headers, bindings)}${bodyArgs(r.body, bindings)}`;
  }

  /** Placeholders nobody provides: say plainly what to put there, and leave a line to put it. */
  declareUnbound(names: string[], bindings: Record<string, Binding>, what: string): void {
    for (const n of names) {
      if (bound(bindings, n) || this.declared.has(n)) continue;
      this.declared.add(n);
      this.lines.push(
        `# {${shellComment(n)}}: ${what}`,
        `${placeholderVar(n)}="\${${placeholderVar(n)}:-}"   # ← put the value here, or export ${placeholderVar(n)} before running these lines`,
      );
    }
  }

  /** `{run}`: unique per repro, as the check's run id is unique per run. */
  runBinding(): Binding {
    if (!this.declared.has('run')) {
      this.declared.add('run');
      this.lines.push('RUN=opsgate-repro-$(date +%s)');
    }
    return { variable: 'RUN' };
  }
}

/** The matrix row a cell came from: the name is `identity METHOD path[ (row name)][ #n]`. */
function matrixRowOf(name: string, rbac: RbacConfig | undefined): RbacMatrixRow | undefined {
  const rest = name.slice(name.indexOf(' ') + 1).replace(/ #\d+$/, '');
  return rbac?.matrix.find((r) => rest === `${r.method} ${r.path}${r.name ? ` (${r.name})` : ''}`);
}

/** The ownership probe of a cell: its name ends with `resource (name owned by owner)`. */
function ownershipOf(name: string, rbac: RbacConfig | undefined): RbacOwnershipProbe | undefined {
  return rbac?.ownership.find((o) => name.endsWith(` ${o.resource} (${o.name} owned by ${o.owner})`));
}

const NOT_CONFIGURED =
  'no rbac.fixtures entry provides it. Put the id of a sacrificial record there: one you created for this as a role allowed to, never a record anyone needs';

/** A matrix cell: create the records its placeholders name, probe, delete them again. */
function matrixCell(s: ReproScript, t: Threshold, cell: ReturnType<typeof parseCell>): void {
  const row = matrixRowOf(t.name, s.rbac);
  const all = s.rbac?.fixtures ?? {};
  // Placeholder names come from evidence: only the config's own entries count.
  const fixtureOf = (n: string) => (Object.hasOwn(all, n) ? all[n] : undefined);
  const bindings: Record<string, Binding> = { ...s.statics };
  const cleanups: string[] = [];
  const needed = placeholdersIn(cell.path, row?.body, row?.headers);
  s.declareUnbound(
    needed.filter((n) => fixtureOf(n) === undefined),
    bindings,
    NOT_CONFIGURED,
  );
  for (const name of needed) {
    const f = fixtureOf(name);
    if (f !== undefined && typeof f !== 'object')
      s.lines.push(
        `# {${shellComment(name)}}: the value of rbac.fixtures.${shellComment(name)}, filled in below`,
      );
    if (typeof f !== 'object') continue;
    const variable = placeholderVar(name);
    const at = `rbac.fixtures.${name}`;
    s.declareUnbound(placeholdersIn(f.create.path, f.create.body), s.statics, NOT_CONFIGURED);
    s.lines.push(
      `# {${shellComment(name)}}: a sacrificial record, created as "${shellComment(f.create.identity)}" the way the rbac check does (${shellComment(at)}.create)`,
      `${variable}=$(${s.curl(f.create, s.statics, '')} | jq -er ${idFilter(f['id-path'])})`,
    );
    bindings[name] = { variable, required: NO_ID };
    const own = { ...s.statics, id: bindings[name], [name]: bindings[name] };
    cleanups.push(
      ...(f.cleanup
        ? [
            `# delete it again as "${shellComment(f.cleanup.identity)}" (${shellComment(at)}.cleanup); 404: the probe already deleted it`,
            s.curl(f.cleanup, own, `-o /dev/null -w 'cleanup %{http_code}\\n'`),
          ]
        : [`# ${shellComment(at)} has no cleanup request: delete the record by hand ($${variable})`]),
    );
  }
  const probe = {
    identity: cell.identity,
    method: cell.method,
    path: cell.path,
    body: row?.body,
    headers: row?.headers,
  };
  if (row?.cleanup && cell.method !== 'DELETE') {
    // A write the identity must not make may have made one: delete what it created, as the check does.
    const c = row.cleanup;
    s.lines.push('OUT=$(mktemp)', s.curl(probe, bindings, `-o "$OUT" ${STATUS}`));
    s.lines.push(
      `# if it created a record, delete it again as "${shellComment(c.identity)}" (the row's cleanup)`,
      `if CREATED=$(jq -er ${idFilter(c['id-path'])} "$OUT" 2>/dev/null); then ${s.curl(c, { ...bindings, id: { variable: 'CREATED' } }, `-o /dev/null -w 'cleanup %{http_code}\\n'`)}; fi`,
    );
  } else s.lines.push(s.curl(probe, bindings, `-o /dev/null ${STATUS}`));
  s.lines.push(...cleanups);
}

/** An ownership (IDOR) cell: the owner creates the record, another identity tries it, the owner deletes it. */
function ownershipCell(s: ReproScript, p: RbacOwnershipProbe, cell: ReturnType<typeof parseCell>): void {
  const bindings: Record<string, Binding> = { ...s.statics };
  const uses = placeholdersIn(p.create, p.lookup?.path, p.resource, p.cleanup, p['update-body']);
  if (uses.includes('run')) bindings.run = s.runBinding();
  s.declareUnbound(
    uses.filter((n) => n !== 'id' && !bound(bindings, n)),
    bindings,
    'a value the ownership probe fills itself (a capture from the login, see identities.<name>.capture): put that value there',
  );
  const owner = p.owner;
  s.lines.push(
    `# {id}: the ${shellComment(p.name)} owned by "${shellComment(owner)}": created as the owner the way the ownership probe does (rbac.ownership ${shellComment(p.name)}.create)`,
  );
  const create = { ...p.create, identity: owner };
  if (p.lookup) {
    s.lines.push(s.curl(create, bindings, `-o /dev/null -w 'create %{http_code}\\n'`));
    const find = { identity: owner, method: 'GET', path: p.lookup.path };
    s.lines.push(`OWNED_ID=$(${s.curl(find, bindings, '')} | jq -er ${idFilter(p.lookup['id-path'])})`);
  } else
    s.lines.push(
      '# (an API that answers the create without a body names the record in its Location header instead)',
      `OWNED_ID=$(${s.curl(create, bindings, '')} | jq -er ${idFilter(p['id-path'])})`,
    );
  const owned = { ...bindings, id: { variable: 'OWNED_ID', required: NO_ID } };
  const update = cell.method === 'PUT' || cell.method === 'PATCH';
  const probe = {
    identity: cell.identity,
    method: cell.method,
    path: cell.path,
    body: update ? (p['update-body'] ?? {}) : undefined,
  };
  s.lines.push(s.curl(probe, owned, `-o /dev/null ${STATUS}`));
  const cleanup = { method: 'DELETE', path: p.resource, ...p.cleanup, identity: owner };
  s.lines.push(
    `# delete it again as the owner; 404: the probe already deleted it`,
    s.curl(cleanup, owned, `-o /dev/null -w 'cleanup %{http_code}\\n'`),
  );
}

/** The bash block reproducing these broken cells against `base`. */
export function reproBlock(
  cells: Threshold[],
  base: string,
  identities: Record<string, IdentityConfig>,
  rbac: RbacConfig | undefined,
): string {
  const s = new ReproScript(base, identities, rbac);
  const byIdentity = [...cells].sort((a, b) =>
    parseCell(a.name).identity.localeCompare(parseCell(b.name).identity),
  );
  for (const t of byIdentity) {
    const cell = parseCell(t.name);
    s.lines.push(
      '',
      `# ${shellComment(`${t.name}: expected ${String(t.limit)}, the last run got ${String(t.actual)}`)}`,
    );
    const owned = ownershipOf(t.name, rbac);
    if (cell.method === '?') s.lines.push('# no METHOD /path in this control name: probe it by hand');
    else if (owned && cell.path === owned.resource) ownershipCell(s, owned, cell);
    else matrixCell(s, t, cell);
  }
  s.lines.push('```');
  return s.lines.join('\n');
}
