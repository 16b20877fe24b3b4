/**
 * The opsgate.yml parse boundary reads documents exactly as the YAML 1.2 core schema says: every
 * shipped config, the scalar forms people write, and mutated configs give the same data as the
 * `yaml` library's reference parser, with each key's line.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { parseYamlConfig } from '../../src/core/config/yaml-document.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHIPPED = ['examples/demo-target/opsgate.demo.yml', 'examples/demo-target/opsgate.strict.yml'];

const SCALARS = [
  'a: 1',
  'a: -0x1F',
  'a: 0o17',
  'a: +12.5e3',
  'a: .inf',
  'a: -.Inf',
  'a: .nan',
  'a: true',
  'a: False',
  'a: TRUE',
  'a: yes',
  'a: on',
  'a: ~',
  'a: null',
  'a:',
  'a: 012',
  'a: 1_000',
  'a: 2026-12-02',
  'a: "1"',
  "a: 'it''s'",
  'a: "tab\\tnew\\nline \\u00e9"',
  'a: |\n  one\n  two\n',
  'a: >-\n  folded\n  text\n',
  'a: !!str 12',
  'a: !!int "12"',
  'a: !!float 1.5',
  'a: plain # comment',
  'a: http://127.0.0.1:8080/x?y=1&z=2',
  'a: [1, "two", {b: 3}]',
  'a: {b: [], c: {}}',
  '1: x\ntrue: y\n1.5: w',
  'a: &x {b: 1}\nc: *x',
  'a:\n  - b: 1\n    c: 2\n  -\n  - - d\n',
];

describe('the opsgate.yml parse boundary', () => {
  it('reads every shipped config as the reference YAML parser does', async () => {
    for (const file of SHIPPED) {
      const text = await readFile(path.join(ROOT, file), 'utf8');
      expect(parseYamlConfig(text, file).value, file).toEqual(parse(text));
    }
  });

  it('resolves scalars, collections and aliases by the YAML 1.2 core schema', () => {
    for (const text of SCALARS) expect(parseYamlConfig(text, 'x.yml').value, text).toEqual(parse(text));
  });

  it('re-reads 200 generated documents identically', () => {
    let seed = 7;
    const r = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const leaf = (): unknown =>
      [
        () => Math.floor(r() * 1e6) - 5e5,
        () => r() * 100,
        () => r() > 0.5,
        () => null,
        () => `s${r()}`,
        () => 'a: b # c',
        () => '- x',
        () => '"q"',
        () => ' lead',
        () => 'multi\nline',
      ][Math.floor(r() * 10)]!();
    const value = (depth: number): unknown => {
      const k = r();
      if (depth > 4 || k < 0.4) return leaf();
      if (k < 0.7) return Array.from({ length: Math.floor(r() * 4) }, () => value(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(r() * 5) }, (_, i) => [
          `k${i}-${Math.floor(r() * 99)}`,
          value(depth + 1),
        ]),
      );
    };
    for (let i = 0; i < 200; i++) {
      const doc = { root: value(0) };
      for (const flow of [false, true]) {
        const text = stringify(doc, { collectionStyle: flow ? 'flow' : 'any' });
        expect(parseYamlConfig(text, 'x.yml').value, text).toEqual(doc);
      }
    }
  });

  it('gives each key and list item its own line', () => {
    const text =
      'target:\n  base-url: http://x\nload:\n  endpoints:\n    - name: a\n      path: /a\n    - { name: b, path: /b }\n';
    const doc = parseYamlConfig(text, 'x.yml');
    expect(doc.lineOf(['target', 'base-url'])).toBe(2);
    expect(doc.lineOf(['load', 'endpoints', 0, 'path'])).toBe(6);
    expect(doc.lineOf(['load', 'endpoints', 1])).toBe(7);
    expect(doc.lineOf(['load', 'endpoints', 1, 'missing'])).toBe(7);
    expect(doc.lineOf(['nowhere'])).toBe(1);
  });

  it('names the line of a syntax error, a second document and a bad explicit tag', () => {
    const problems = (text: string) => {
      try {
        parseYamlConfig(text, 'x.yml');
      } catch (err) {
        if (err instanceof ConfigError) return err.problems.map((p) => `${p.line} ${p.path} ${p.message}`);
        throw err;
      }
      return [];
    };
    expect(problems('a: 1\nb: [1, 2\nc: 3\n')[0]).toMatch(/^[23] /);
    expect(problems('a: 1\n---\nb: 2\n')).toEqual([
      '3  only one YAML document is allowed (found another after ---)',
    ]);
    expect(problems('a: 1\nb: !!int twelve\n')).toEqual(['2 b cannot be read as !!int']);
    expect(problems('a:\n  ? [x]\n  : 1\n')).toEqual(['2 a keys must be plain scalars']);
  });
});
