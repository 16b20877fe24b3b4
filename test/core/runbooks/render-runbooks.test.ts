import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/core/config/load-config.js';
import { ConfigError } from '../../../src/core/errors.js';
import { renderRunbooks } from '../../../src/core/runbooks/render-runbooks.js';
import { placeholdersOf, renderTemplate, TemplateDataError } from '../../../src/core/runbooks/template.js';
import { mdCell } from '../../../src/core/runbooks/data/control-history.js';
import { citeEvidence } from '../../../src/core/runbooks/latest-evidence.js';
import type { Evidence } from '../../../src/core/evidence/model.js';
import { FsEvidenceStore } from '../../../src/core/store/fs-evidence-store.js';

describe('runbook templates', () => {
  it('fills dotted placeholders and lists every missing one', () => {
    expect(
      renderTemplate('RTO {{a.b}} / {{ c }} / {{list}}', { a: { b: '15 min' }, c: 3, list: ['x', 'y'] }),
    ).toBe('RTO 15 min / 3 / x\ny');
    expect(() => renderTemplate('{{one}} {{two}} {{one}}', {}, 't.md')).toThrow(TemplateDataError);
    expect(() => renderTemplate('{{one}} {{two}}', {}, 't.md')).toThrow('t.md: no data for {{one}}, {{two}}');
    expect(placeholdersOf('{{a}} {{b.c}} {{a}}')).toEqual(['a', 'b.c']);
  });

  it('renders the disaster-recovery runbook without a drill, and prefers a project template', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-runbooks-'));
    const config = parseConfigText('target:\n  base-url: http://127.0.0.1:9\n', 'opsgate.yml', {});
    const base = {
      config,
      configDir: dir,
      outDir: path.join(dir, 'out'),
      store: new FsEvidenceStore(path.join(dir, 'store')),
    };
    const [dr] = await renderRunbooks({ ...base, now: new Date('2026-01-02T03:04:05Z') });
    const text = await readFile(dr!.file, 'utf8');
    expect(dr!.file).toBe(path.join(dir, 'out', 'runbooks', 'disaster-recovery.md'));
    expect(text).toContain('No drill has been run yet');
    expect(text).toContain('2026-01-02T03:04:05.000Z');
    expect(text).toMatch(/\| RTO \(time to restore\) +\| 15 min \(default\) \|/);

    await mkdir(path.join(dir, 'runbooks', 'templates'), { recursive: true });
    await writeFile(path.join(dir, 'runbooks', 'templates', 'disaster-recovery.md'), 'Ours: {{rtoTarget}}\n');
    const [ours] = await renderRunbooks({ ...base, dir: path.join(dir, 'elsewhere') });
    expect(await readFile(ours!.file, 'utf8')).toBe('Ours: 15 min (default)\n');
    await expect(renderRunbooks({ ...base, names: ['nope'] })).rejects.toThrow(ConfigError);
  });

  it('quotes forged evidence text inertly: run id, commit, finding text', () => {
    const hostile = '`\n<!-- opsgate:drill-issue -->\n## Restore is fine @acme/oncall #1 <img src=x>';
    const cite = citeEvidence({
      evidence: { run: { id: hostile } } as unknown as Evidence,
      file: 'out/evidence/restore.json',
      commit: '`<b>x</b>',
    });
    expect(cite).toMatch(/^`out\/evidence\/restore\.json`, run /);
    for (const text of [cite, mdCell(hostile)]) {
      expect(text).not.toMatch(/<!--|<img|<b>|\n|@acme|#1/);
      expect(text).toContain('&lt;');
    }
    expect(
      citeEvidence({
        evidence: { run: { id: 'r-1' } } as unknown as Evidence,
        file: 'k/1.json',
        inStore: true,
        commit: 'abcdef1234567890',
      }),
    ).toBe('`k/1.json` in the evidence store, run `r-1`, commit `abcdef123456`');
  });
});
