import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/core/config/load-config.js';
import { writeEvidence } from '../../src/core/evidence/store-files.js';
import { renderRunbooks } from '../../src/core/runbooks/render-runbooks.js';
import { clearSecrets, registerSecret } from '../../src/core/secrets.js';
import { FsEvidenceStore } from '../../src/core/store/fs-evidence-store.js';
import { RUNBOOK_SECTIONS } from '../../src/github/runbook-links.js';
import { runEvidence, tempDir } from '../support/github-evidence.js';

const PASSWORD = 'Sup3r-secret-demo!';

const configText = [
  'target:',
  '  base-url: http://127.0.0.1:4010',
  'identities:',
  '  viewer:',
  '    kind: json-login',
  '    login: { path: /api/auth/login, body: { email: viewer@demo.test, password: "${VIEWER_PASSWORD}" } }',
  '    token-path: $.token',
  '',
].join('\n');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
function anchors(markdown: string): string[] {
  return [...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
    m[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .trim()
      .replace(/\s/g, '-'),
  );
}

describe('on-call runbooks from evidence', () => {
  it('name the broken endpoint and cell, since when, and how to reproduce without credentials', async () => {
    clearSecrets();
    registerSecret(PASSWORD);
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    const store = new FsEvidenceStore(path.join(dir, 'store'));
    // History: passing on the 20th, failing on the 21st and 22nd, failing again now.
    const days = [
      { at: '2026-11-20T08:00:00.000Z', commit: '1'.repeat(40), failing: false },
      { at: '2026-11-21T08:00:00.000Z', commit: '2'.repeat(40), failing: true },
      { at: '2026-11-22T08:00:00.000Z', commit: '3'.repeat(40), failing: true },
    ];
    for (const d of days)
      for (const e of runEvidence({
        startedAt: d.at,
        viewerCanDelete: d.failing,
        dashboardP95: d.failing ? 700 : 150,
      }))
        await store.put(e, { commit: d.commit, branch: 'main' });
    const now = runEvidence({
      startedAt: '2026-11-23T08:00:00.000Z',
      viewerCanDelete: true,
      dashboardP95: 850,
      missingCsp: true,
    });
    now[1]!.artifacts.push({ name: 'k6 script', path: 'artifacts/load/script.js' });
    now[1]!.data = { profile: 'smoke', engine: 'k6' };
    for (const e of now) await writeEvidence(out, e);

    const written = await renderRunbooks({
      config: parseConfigText(configText, 'opsgate.yml', { VIEWER_PASSWORD: PASSWORD }),
      configDir: dir,
      outDir: out,
      store,
      now: new Date('2026-11-23T09:00:00.000Z'),
      names: [
        'load-regression-triage',
        'security-findings-triage',
        'access-control-incident',
        'slow-query-triage',
      ],
    });
    const text = Object.fromEntries(
      await Promise.all(written.map(async (w) => [w.name, await readFile(w.file, 'utf8')] as const)),
    );

    const load = text['load-regression-triage']!;
    expect(load).toContain(
      '| GET /api/dashboard | p95 GET /api/dashboard | 200 ms | 850 ms | 2026-11-21 08:00 UTC (`2222222`), 2 stored runs in a row |',
    );
    expect(load).toContain('OPSGATE_BASE_URL=http://127.0.0.1:4010 k6 run artifacts/load/script.js');
    expect(load).toContain('Profile: `smoke`');

    const access = text['access-control-incident']!;
    expect(access).toContain(
      '| viewer | DELETE | `/api/companies/{id}` | 403 | 204 | VIEWER role | 2026-11-21 08:00 UTC (`2222222`)',
    );
    expect(access).toContain(
      `BEARER=$(curl -s -X POST "$BASE/api/auth/login" -H 'content-type: application/json' -d "$VIEWER_LOGIN_JSON" | jq -r .token)`,
    );
    // No rbac.fixtures entry provides {id}: the runbook says what to put there, and curl refuses until it is.
    expect(access).toContain(
      '# {id}: no rbac.fixtures entry provides it. Put the id of a sacrificial record there',
    );
    expect(access).toContain(
      'FIXTURE_ID="${FIXTURE_ID:-}"   # ← put the value here, or export FIXTURE_ID before running these lines',
    );
    expect(access).toContain(
      `curl -s -o /dev/null -w '%{http_code}\\n' -X DELETE "\${AUTH_VIEWER[@]}" "$BASE/api/companies/\${FIXTURE_ID:?set FIXTURE_ID first, see the comment above}"`,
    );

    const security = text['security-findings-triage']!;
    expect(security).toContain(
      '| medium (fails) | Content-Security-Policy header missing | http://127.0.0.1:4010/ |',
    );

    for (const t of Object.values(text)) {
      expect(t).not.toContain(PASSWORD);
      expect(t).not.toMatch(/\{\{/);
    }
    // Every section an opsgate issue links to exists in the generated runbook.
    for (const [check, s] of Object.entries(RUNBOOK_SECTIONS)) {
      if (!s.anchor) continue;
      expect(anchors(text[s.runbook]!), `${check} → ${s.runbook}#${s.anchor}`).toContain(s.anchor);
    }
  });

  it('say plainly when there is no evidence yet', async () => {
    const dir = await tempDir();
    const written = await renderRunbooks({
      config: parseConfigText('target: { base-url: "http://127.0.0.1:1" }\n', 'opsgate.yml', {}),
      configDir: dir,
      outDir: path.join(dir, 'out'),
      store: new FsEvidenceStore(path.join(dir, 'store')),
      names: [
        'load-regression-triage',
        'access-control-incident',
        'security-findings-triage',
        'slow-query-triage',
      ],
    });
    const all = (await Promise.all(written.map((w) => readFile(w.file, 'utf8')))).join('\n');
    expect(all).toContain('_No load evidence yet: run `opsgate load`');
    expect(all).toContain('_No rbac evidence yet: run `opsgate rbac`');
    expect(all).toContain('_No headers evidence yet');
    expect(all).toContain('_No db evidence yet: run `opsgate db`');
  });
});
