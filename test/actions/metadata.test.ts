import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { expectedActionFiles } from '../../scripts/gen-actions.js';
import { repoRoot } from '../../scripts/build.js';
import { actionDefinitions } from '../../src/actions/definitions/index.js';

describe('action metadata', () => {
  it('action.yml and README.md are generated from the definitions and current', async () => {
    const stale: string[] = [];
    for (const { file, content } of expectedActionFiles()) {
      const current = await readFile(path.join(repoRoot, file), 'utf8').catch(() => '');
      if (current !== content) stale.push(file);
    }
    expect(stale, 'run npm run gen-actions').toEqual([]);
  });

  it.each(Object.values(actionDefinitions))(
    '$name: node24, kebab-case, verdict + evidence-path',
    async (def) => {
      const yml = parse(await readFile(path.join(repoRoot, 'actions', def.name, 'action.yml'), 'utf8'));
      expect(yml.runs).toEqual({ using: 'node24', main: `../../dist/${def.name}.js` });
      for (const name of [...Object.keys(yml.inputs), ...Object.keys(yml.outputs)])
        expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      if (def.name !== 'signoff')
        expect(Object.keys(yml.outputs)).toEqual(expect.arrayContaining(['verdict', 'evidence-path']));
      await expect(readFile(path.join(repoRoot, 'dist', `${def.name}.js`), 'utf8')).resolves.toContain(
        'import',
      );
      const readme = await readFile(path.join(repoRoot, 'actions', def.name, 'README.md'), 'utf8');
      for (const input of Object.keys(def.inputs)) expect(readme).toContain(`| \`${input}\` |`);
    },
  );
});
