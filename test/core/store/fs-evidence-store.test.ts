import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishEvidence, startEvidence } from '../../../src/core/evidence/new-evidence.js';
import { FsEvidenceStore } from '../../../src/core/store/fs-evidence-store.js';
import { tempDir } from '../../support/github-evidence.js';

const evidence = (check: string) => finishEvidence(startEvidence(check, 'http://127.0.0.1:9'));

describe('the local evidence store reads only records that verify', () => {
  it('skips a record without a hash, one filed under another check and a broken log line, warning once each', async () => {
    const dir = await tempDir();
    const log: string[] = [];
    const store = new FsEvidenceStore(dir, { log: (m) => log.push(m) });
    const good = await store.put(evidence('rbac'), { branch: 'main' });
    // An old-style record with its hash removed, and a dast record copied into rbac/.
    const text = JSON.parse(await readFile(path.join(dir, good.key), 'utf8')) as Record<string, unknown>;
    delete text.sha256;
    await writeFile(path.join(dir, good.key.replace('.json', '-nohash.json')), JSON.stringify(text));
    const dast = await store.put(evidence('dast'));
    await mkdir(path.join(dir, 'evidence', 'rbac', '2000-01-01'), { recursive: true });
    await writeFile(
      path.join(dir, 'evidence', 'rbac', '2000-01-01', 'x.json'),
      await readFile(path.join(dir, dast.key)),
    );
    await store.appendRecord('drill', { kind: 'signoff' });
    await appendFile(path.join(dir, 'logs', 'drill.jsonl'), '{"kind": "sign\n[1,2]\n');

    for (let i = 0; i < 2; i++) expect((await store.list('rbac')).map((r) => r.key)).toEqual([good.key]);
    expect(await store.readRecords('drill')).toEqual([{ kind: 'signoff' }]);
    expect(log.map((l) => l.replace(/ in directory [^:]+/, ''))).toEqual([
      `opsgate: ignored store record ${good.key.replace('.json', '-nohash.json')}: no content hash (sha256)`,
      'opsgate: ignored store record evidence/rbac/2000-01-01/x.json: holds dast evidence, not rbac',
      'opsgate: ignored store record logs/drill.jsonl:2: not a JSON object',
      'opsgate: ignored store record logs/drill.jsonl:3: not a JSON object',
    ]);
  });

  it('a store refused for history still takes writes but lists nothing, saying why once', async () => {
    const dir = await tempDir();
    const log: string[] = [];
    await new FsEvidenceStore(dir).put(evidence('load'));
    const store = new FsEvidenceStore(dir, { log: (m) => log.push(m), historyRefused: 'a pull_request run' });
    await store.put(evidence('load'));
    expect(await store.list('load')).toEqual([]);
    expect(await store.readRecords('drill')).toEqual([]);
    expect(await new FsEvidenceStore(dir).list('load')).toHaveLength(2);
    expect(log).toEqual([
      `opsgate: baselines and history are not read from directory ${dir}: a pull_request run`,
    ]);
  });
});
