import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generatedDocs } from '../../scripts/lib/generated-files.js';

describe('generated schema and docs', () => {
  it.each(Object.entries(generatedDocs()))('%s is current (run `npm run docs`)', async (file, content) => {
    expect(await readFile(file, 'utf8')).toBe(content);
  });
});
