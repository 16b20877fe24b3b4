import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { rbacCheck } from '../../src/checks/rbac/rbac-check.js';
import { runCheck } from '../../src/checks/run-check.js';
import { parseConfigText } from '../../src/core/config/load-config.js';
import { evidenceSchema } from '../../src/core/evidence/model.js';
import { writeEvidence } from '../../src/core/evidence/store-files.js';
import { renderRunbooks } from '../../src/core/runbooks/render-runbooks.js';
import { FsEvidenceStore } from '../../src/core/store/fs-evidence-store.js';
import { demoConfig, demoContext, probeRowsLeft } from '../checks/demo-check-context.js';
import { DEMO_PASSWORD, readRequestLog, startTestDemo, cleanupAfterEach } from '../support/demo.js';
import { bashBlocks, blocksOf, runBash, sections } from './runbook-blocks.js';

const cleanups = cleanupAfterEach();
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** What on-call sets from the secret store: each identity's login body (the demo's seeded users). */
function loginBodies(identities: string[]): string {
  return identities
    .map(
      (id) =>
        `export ${id.toUpperCase()}_LOGIN_JSON='${JSON.stringify({ email: `${id}@demo.test`, password: DEMO_PASSWORD })}'`,
    )
    .join('\n');
}

async function accessRunbook(o: {
  config: Parameters<typeof renderRunbooks>[0]['config'];
  dir: string;
  out: string;
}) {
  const [written] = await renderRunbooks({
    config: o.config,
    configDir: o.dir,
    outDir: o.out,
    store: new FsEvidenceStore(path.join(o.dir, 'store')),
    names: ['access-control-incident'],
  });
  return readFile(written!.file, 'utf8');
}

describe('the access-control runbook reproduces broken cells, run literally', () => {
  it('creates the record a fixture placeholder names, probes it, deletes it again (matrix and ownership)', async () => {
    const d = await startTestDemo({ flaws: ['viewer-can-delete', 'idor'], rateLimit: 10_000 });
    cleanups.push(d.stopAll);
    const ctx = await demoContext(await demoConfig(d.url, ['rbac'], { 'allow-destructive': true }));
    cleanups.push(ctx.cleanup);
    const { evidence } = await runCheck(rbacCheck, ctx);
    // The evidence names cells by the configured template path, never by the id the run used.
    const broken = evidence.thresholds.filter((t) => !t.ok).map((t) => t.name);
    expect(broken).toContain('viewer DELETE /api/companies/{doomed-company}');
    expect(broken).toContain('manager2 GET /api/leases/{id} (lease owned by manager)');

    const rb = await accessRunbook({ config: ctx.config, dir: ctx.dir, out: ctx.outDir });
    const [block, ...more] = blocksOf(rb, ['Reproduce with curl']);
    expect(more).toEqual([]);
    expect(block).toContain(
      `FIXTURE_DOOMED_COMPANY=$(curl -s -X POST "\${AUTH_ADMIN[@]}" "$BASE/api/companies" -H 'content-type: application/json' -d '{"name":"opsgate-probe doomed company"}' | jq -er '.id | select(type == "string" or type == "number")')`,
    );
    expect(block).toContain(
      `curl -s -o /dev/null -w '%{http_code}\\n' -X DELETE "\${AUTH_VIEWER[@]}" "$BASE/api/companies/\${FIXTURE_DOOMED_COMPANY:?no id: the create request above failed}"`,
    );
    expect(block).toContain('# delete it again as "admin" (rbac.fixtures.doomed-company.cleanup)');
    expect(block).toContain('OWNED_ID=$(curl -s -X POST "${AUTH_MANAGER[@]}" "$BASE/api/leases"');
    expect(rb).not.toContain(DEMO_PASSWORD);
    // The ownership list holds the probe's cells, the owner's own read as the control.
    const ownership = rb.slice(rb.indexOf('Ownership probes'), rb.indexOf('Other rbac findings'));
    expect(ownership).toMatch(
      /^- ❌ manager2 GET \/api\/leases\/\{id\} \(lease owned by manager\): expected .*, got 200$/m,
    );
    expect(ownership).toMatch(/^- ✅ manager GET \/api\/leases\/\{id\} \(lease owned by manager\): /m);
    expect(ownership).not.toContain('/api/companies'); // matrix cells stay in the table above
    expect(rb).toContain('Other rbac findings (logins, fixtures, cleanup, OpenAPI coverage):');

    const logged = (await readRequestLog(d.requestLogPath)).length;
    const work = await mkdtemp(path.join(os.tmpdir(), 'opsgate-acl-repro-'));
    dirs.push(work);
    const run = await runBash(`${loginBodies(['admin', 'manager', 'manager2', 'viewer'])}\n${block}`, {
      cwd: work,
    });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(DEMO_PASSWORD);
    const requests = (await readRequestLog(d.requestLogPath)).slice(logged);
    // The viewer's DELETE reached a record that existed (204, not the 404 of a made-up id) …
    const viewerDelete = requests.find((r) => r.method === 'DELETE' && r.role === 'VIEWER');
    expect(viewerDelete).toMatchObject({
      status: 204,
      path: expect.stringMatching(/^\/api\/companies\/\d+$/),
    });
    // … and manager2 read manager's lease: the IDOR, reproduced on a record made for it.
    expect(requests).toContainEqual(
      expect.objectContaining({
        method: 'GET',
        status: 200,
        path: expect.stringMatching(/^\/api\/leases\/\d+$/),
      }),
    );
    expect(run.stdout.split('\n')).toContain('204');
    // Every record the commands created was deleted again.
    expect(await probeRowsLeft(d.databaseUrl)).toEqual({ companies: 0, leases: 0 });
  });

  it('keeps hostile config and evidence text inert: quotes, $(…), backticks and newlines stay data', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-acl-hostile-'));
    dirs.push(dir);
    const out = path.join(dir, 'out');
    const hostileBody = "x'$(touch pwned-body)`touch pwned-tick`\n```\ntouch pwned-newline";
    const raw = {
      target: { 'base-url': 'http://127.0.0.1:9' },
      identities: {
        admin: {
          kind: 'json-login',
          login: { path: "/api/login'$(touch$IFS'pwned-login')", body: { u: 'admin' } },
          'token-header': 'X-Auth\'$(touch pwned-header)"`touch pwned-header2`',
        },
        viewer: { kind: 'json-login', login: { path: '/api/login', body: { u: 'viewer' } } },
      },
      rbac: {
        fixtures: {
          unit: "11'\n$(touch pwned-static)",
          doomed: {
            create: {
              identity: 'admin',
              path: "/api/x'$(touch$IFS'pwned-path')",
              body: { name: hostileBody, tags: ['`touch pwned-array`'] },
              headers: { 'X-Note': '$(touch pwned-create-header)' },
            },
            'id-path': "$.data.x'y.id",
            cleanup: { identity: 'admin', path: '/api/x/{id}"$(touch$IFS\'pwned-cleanup\')"' },
          },
        },
      },
    };
    const config = parseConfigText(stringify(raw), 'opsgate.yml', {});
    const evidence = evidenceSchema.parse({
      kind: 'opsgate.evidence',
      version: 1,
      check: 'rbac',
      target: { url: "http://127.0.0.1:9/'$(touch pwned-base)'" },
      run: {
        id: 'r',
        startedAt: '2026-01-01T00:00:00.000Z',
        finishedAt: '2026-01-01T00:00:01.000Z',
        durationMs: 1,
      },
      verdict: 'fail',
      summary: 'broken',
      metrics: {},
      thresholds: [
        {
          name: "viewer DELETE /api/companies/{doomed}$(touch$IFS'pwned-evidence')",
          limit: 403,
          actual: 204,
          ok: false,
        },
        { name: 'viewer PUT /api/units/{unit}\n```\ntouch pwned-name', limit: 403, actual: 200, ok: false },
        // Names that are properties of every object are names here, nothing more.
        { name: '__proto__ GET /api/{constructor}/{__proto__}', limit: 401, actual: 200, ok: false },
      ],
      findings: [],
      artifacts: [],
    });
    await writeEvidence(out, evidence);
    const rb = await accessRunbook({ config, dir, out });
    const blocks = bashBlocks(sections(rb).get('Reproduce with curl')!);
    // One block: nothing closed the fence early.
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).not.toMatch(/^```/m);

    // curl stands in for the network: it records its arguments and answers with an id and a token.
    await writeFile(
      path.join(dir, 'answer.json'),
      JSON.stringify({ data: { "x'y": { id: 7 } }, token: 't' }),
    );
    const stub = [
      'export FIXTURE_CONSTRUCTOR=c FIXTURE___PROTO__=p',
      'export ADMIN_LOGIN_JSON=a VIEWER_LOGIN_JSON=v',
      `curl() { printf '%s\\n' "$@" >> curl-args.txt; cat answer.json; }`,
    ].join('\n');
    const run = await runBash(`${stub}\n${blocks[0]}`, { cwd: dir });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect((await readdir(dir)).filter((f) => f.startsWith('pwned'))).toEqual([]);
    // The hostile values reached curl as the data they are, byte for byte.
    const args = await readFile(path.join(dir, 'curl-args.txt'), 'utf8');
    expect(args).toContain("http://127.0.0.1:9/'$(touch pwned-base)'/api/x'$(touch$IFS'pwned-path')\n");
    expect(args).toContain(JSON.stringify({ name: hostileBody, tags: ['`touch pwned-array`'] }));
    expect(args).toContain('X-Note: $(touch pwned-create-header)');
    expect(args).toContain("http://127.0.0.1:9/'$(touch pwned-base)'/api/login'$(touch$IFS'pwned-login')\n");
    expect(args).toContain('X-Auth\'$(touch pwned-header)"`touch pwned-header2`: Bearer t');
    expect(args).toContain(`/api/companies/7$(touch$IFS'pwned-evidence')\n`);
    expect(args).toContain(`/api/units/11'\n$(touch pwned-static)\n`);
    expect(args).toContain(`/api/x/7"$(touch$IFS'pwned-cleanup')"\n`);
    expect(blocks[0]).toContain('FIXTURE_CONSTRUCTOR="${FIXTURE_CONSTRUCTOR:-}"   # ← put the value here');
    expect(args).toContain('/api/c/p\n');
  });

  it('shows hostile ownership probe names and evidence text as data in the ownership list', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-acl-hostile-owner-'));
    dirs.push(dir);
    const out = path.join(dir, 'out');
    const name = 'lease\n```\n<!-- opsgate:report --> [x](https://evil.test) @org/team #1';
    const config = parseConfigText(
      stringify({
        target: { 'base-url': 'http://127.0.0.1:9' },
        identities: {
          admin: { kind: 'json-login', login: { path: '/api/login', body: { u: 'admin' } } },
          viewer: { kind: 'json-login', login: { path: '/api/login', body: { u: 'viewer' } } },
        },
        rbac: {
          ownership: [
            { name, owner: 'admin', others: ['viewer'], create: { path: '/api/x' }, resource: '/api/x/{id}' },
          ],
        },
      }),
      'opsgate.yml',
      {},
    );
    const label = `(${name} owned by admin)`;
    const evidence = evidenceSchema.parse({
      kind: 'opsgate.evidence',
      version: 1,
      check: 'rbac',
      target: { url: 'http://127.0.0.1:9' },
      run: {
        id: 'r',
        startedAt: '2026-01-01T00:00:00.000Z',
        finishedAt: '2026-01-01T00:00:01.000Z',
        durationMs: 1,
      },
      verdict: 'pass',
      summary: 'ok',
      metrics: {},
      thresholds: [
        { name: `admin GET /api/x/{id} ${label}`, limit: '2xx', actual: 200, ok: true },
        {
          name: `viewer GET /api/x/{id} ${label}`,
          limit: 'hidden',
          actual: null,
          ok: true,
          skipped: 'target said: <img src=x> `\n| cell |',
        },
      ],
      findings: [],
      artifacts: [],
    });
    await writeEvidence(out, evidence);
    const rb = await accessRunbook({ config, dir, out });
    const list = rb
      .slice(rb.indexOf('Ownership probes'), rb.indexOf('Other rbac findings'))
      .trim()
      .split('\n');
    // Heading, blank line, one line per cell: no newline in a name or a reason opened a new block.
    expect(list.slice(2)).toHaveLength(2);
    for (const line of list.slice(2)) expect(line).toMatch(/^- (✅|⏭️) /);
    const text = list.join('\n');
    expect(text).not.toContain('<!--');
    expect(text).not.toContain('<img');
    expect(text).toContain('\\[x\\](https://evil.test)'); // brackets escaped: no link
    expect(text).not.toMatch(/@org|#1/);
  });
});
