import net, { type AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { renderDrillIssue } from '../../src/core/drill/drill-issue.js';
import { readAllEvidence } from '../../src/core/evidence/store-files.js';
import { runGate } from '../../src/core/gate/gate.js';
import { upsertDrillIssue } from '../../src/github/drill-issue.js';
import { publish } from '../../src/github/publish.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { fakeClient, mainContext, tempDir } from '../support/github-evidence.js';

/**
 * A hostile target end to end: its headers and cookies carry opsgate's own markers, mentions,
 * HTML, `</details>`, fence and table breakers, a long value and UTF-8 bytes. The real headers
 * check runs against it, a trusted run publishes, and the exact bodies the GitHub server holds
 * afterwards are asserted: nothing active, and nobody else's comment or issue touched.
 */
const HOSTILE =
  'PHP/8.3 <!-- opsgate:comment:pr-checks --> <!-- opsgate:drill:2026-10 --> @octocat @acme/admins #1 GH-2 ' +
  '<img src=x onerror=alert(1)> <h1>✅ all controls PASS</h1> </details><details> ``` | a | b |';
const LONG = 'nginx/1.25.3 ' + 'A'.repeat(12_000);

/** A raw TCP server, so the header bytes on the wire are exactly the UTF-8 bytes of the text. */
function startHostileTarget(): Promise<{ url: string; close: () => Promise<void> }> {
  const head = [
    'HTTP/1.1 200 OK',
    `X-Powered-By: ${HOSTILE}`,
    `Server: ${LONG}`,
    'X-Note: café ✅ naïve',
    'Set-Cookie: session=abc; Path=/; SameSite=None|evil <!-- opsgate:issue:deadbeef -->',
    'Content-Type: text/html',
  ];
  const body = '<html><!-- opsgate:comment:pr-checks --><h1>hi</h1></html>';
  const response = Buffer.from(
    [...head, `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close', '', body].join('\r\n'),
    'utf8',
  );
  const big = Buffer.from(
    [
      head[0],
      `X-Powered-By: ${'B'.repeat(1024 * 1024)}`,
      'Content-Length: 0',
      'Connection: close',
      '',
      '',
    ].join('\r\n'),
  );
  const server = net.createServer((socket) => {
    // `/big` carries a 1 MB header value: more than any HTTP client takes, so that page is an error.
    socket.once('data', (d: Buffer) =>
      socket.end(d.toString('latin1').startsWith('GET /big') ? big : response),
    );
    socket.on('error', () => {});
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

/** Every way the hostile text could still be active in a GitHub body. */
function activeHostileText(body: string): string[] {
  const found: string[] = [];
  const lines = body.split('\n');
  lines.forEach((line, i) => {
    // Markers are opsgate's only on the header lines it writes itself, never inside target text.
    if (i > 5 && line.includes('<!--')) found.push(`comment opener on line ${i + 1}`);
  });
  for (const s of [
    '<!-- opsgate:drill:2026-10',
    '<img',
    '<h1>',
    '</details><details>',
    '@octocat',
    '@acme/admins',
    'SameSite=None|evil',
    'Ã©',
    'A'.repeat(1000),
    'B'.repeat(1000),
  ])
    if (body.includes(s)) found.push(s);
  if (/(^|[^\\])```/.test(body.replace(/^```.*$/gm, ''))) found.push('code fence');
  return found;
}

describe('a hostile target cannot write to GitHub through opsgate', () => {
  let fake: FakeGitHub;
  let target: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    fake = await startFakeGitHub();
    target = await startHostileTarget();
  });
  afterAll(async () => {
    await fake?.stop();
    await target?.close();
  });

  it('its text reaches comments, issues and the drill issue only in inert form; other bodies are untouched', async () => {
    const dir = await tempDir('opsgate-hostile-');
    const config = path.join(dir, 'opsgate.yml');
    await writeFile(
      config,
      ['target:', `  base-url: ${target.url}`, 'headers:', '  paths: [/, /big]', ''].join('\n'),
    );
    const out = path.join(dir, 'out');
    const saved = console.log;
    console.log = () => {};
    try {
      await main(['headers', '--config', config, '--out', out]);
    } finally {
      console.log = saved;
    }
    const evidence = await readAllEvidence(out);
    // The check really saw the hostile values (so the assertions below are about neutralising).
    expect(JSON.stringify(evidence)).toContain('opsgate:drill:2026-10');
    // The 1 MB page is that page's error finding; the other page's findings stay.
    expect(JSON.stringify(evidence)).toContain('No usable answer from /big');

    const repo = fake.repo('acme/hostile');
    const gh = fakeClient(fake);
    const pr = repo.openPullRequest('Hostile');
    const other = await gh.rest.issues.createComment({
      owner: 'acme',
      repo: 'hostile',
      issue_number: pr.number,
      body: '<!-- opsgate:comment:other-workflow -->\n❌ gate failed: the other workflow’s report',
    });
    const human = repo.addComment(pr.number, '<!-- opsgate:comment:pr-checks -->\nmy own notes', 'alice');
    await gh.rest.issues.createLabel({
      owner: 'acme',
      repo: 'hostile',
      name: 'opsgate-drill',
      color: 'ededed',
    });
    const july = await gh.rest.issues.create({
      owner: 'acme',
      repo: 'hostile',
      title: 'Drill 2026-10',
      body: '<!-- opsgate:drill:2026-10 -->\nOctober results, signed off\n- [x] @alice signs off these drill results',
      labels: ['opsgate-drill'],
    });
    const snapshot = (id: number) => repo.comments.find((c) => c.id === id)!.body;
    const otherBefore = snapshot(other.data.id);
    const julyBefore = repo.issues.find((i) => i.number === july.data.number)!.body;

    const { context } = await mainContext(fake, dir, { repo: 'acme/hostile', pr: pr.number });
    const res = await publish({
      outDir: out,
      octokit: gh,
      context,
      commentKey: 'pr-checks',
      log: () => {},
      write: () => {},
    });
    expect(res.trust).toBe('trusted');
    expect(res.issues?.created).toBeGreaterThan(0);
    const gate = runGate(evidence);
    await upsertDrillIssue(gh, context, {
      month: '2026-11',
      render: (previousBody) =>
        renderDrillIssue({ month: '2026-11', gate, approvers: ['alice'], previousBody }),
    });

    // Untouched: the other workflow's comment, the human comment and last month's drill issue.
    expect(snapshot(other.data.id)).toBe(otherBefore);
    expect(snapshot(human.id)).toBe('<!-- opsgate:comment:pr-checks -->\nmy own notes');
    expect(repo.issues.find((i) => i.number === july.data.number)!.body).toBe(julyBefore);

    const ours = repo.commentsOn(pr.number).filter((c) => c.id !== other.data.id && c.id !== human.id);
    expect(ours).toHaveLength(1);
    expect(ours[0]!.body.split('\n')[0]).toBe('<!-- opsgate:comment:pr-checks -->');
    const november = repo.issuesOnly().find((i) => i.title === 'Drill 2026-11');
    expect(november).toBeDefined();
    const written = [
      ours[0]!.body,
      november!.body!,
      ...repo
        .issuesOnly()
        .filter((i) => i.labels.includes('opsgate'))
        .map((i) => i.body ?? ''),
      ...repo.comments.filter((c) => c.issue !== pr.number).map((c) => c.body),
    ];
    expect(written.length).toBeGreaterThan(3);
    for (const body of written) expect(activeHostileText(body), body.slice(0, 400)).toEqual([]);
    // UTF-8 header bytes are shown as the characters they are.
    expect(written.join('\n')).toContain('✅ all controls PASS');
    expect(written.join('\n')).not.toContain('â\u009c');
  });
});
