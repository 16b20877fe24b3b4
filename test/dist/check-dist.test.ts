import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffDist } from '../../scripts/check-dist.js';
import { repoRoot } from '../../scripts/build.js';

describe('committed dist/', () => {
  it('is exactly what the sources build to', async () => {
    expect(await diffDist()).toEqual([]);
  });

  it('is reported stale when a bundle differs', async () => {
    const copy = await mkdtemp(path.join(os.tmpdir(), 'opsgate-dist-copy-'));
    try {
      await cp(path.join(repoRoot, 'dist'), copy, { recursive: true });
      await writeFile(path.join(copy, 'gate.js'), '// edited by hand\n', { flag: 'a' });
      await writeFile(path.join(copy, 'leftover.js'), '');
      expect(await diffDist(copy)).toEqual(['stale dist/gate.js', 'unexpected dist/leftover.js']);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});
