/**
 * Hostile and careless configs through the real `opsgate validate`: mutated copies of the shipped
 * demo config (wrong types, deleted and unknown keys, alias bombs, recursive and unknown aliases,
 * deep nesting, prototype keys, bad paths, other encodings, binary, truncation). Every one must end
 * in exit 0 or 2 — never 3, never a stack trace — and every reported problem names file:line.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseConfigText } from '../../src/core/config/load-config.js';
import { ConfigError } from '../../src/core/errors.js';
import { largeConfig } from '../support/large-config.js';

const DEMO = path.resolve(import.meta.dirname, '../../examples/demo-target/opsgate.demo.yml');
const ENV = {
  DEMO_URL: 'http://127.0.0.1:8080',
  DEMO_USER_PASSWORD: 'fuzz-password',
  DEMO_DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/demo',
  DEMO_PG_URL: 'postgres://u:p@127.0.0.1:5432/postgres',
  DEMO_RATE_LIMIT_BYPASS: 'fuzz-bypass',
};
Object.assign(process.env, ENV);

let dir: string;
let demoText: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-fuzz-'));
  demoText = await readFile(DEMO, 'utf8');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Outcome {
  code: number;
  stderr: string;
}

/** `opsgate validate` in-process on these bytes, as a user would run it. */
async function validate(bytes: string | Buffer): Promise<Outcome> {
  const file = path.join(dir, 'opsgate.yml');
  await writeFile(file, bytes);
  const errors: string[] = [];
  const original = { error: console.error, log: console.log };
  console.error = (...p: unknown[]) => errors.push(p.join(' '));
  console.log = () => undefined;
  try {
    return { code: await main(['--config', file, 'validate']), stderr: errors.join('\n') };
  } finally {
    Object.assign(console, original);
  }
}

function expectWellReported(o: Outcome, label: string): void {
  expect([0, 2], `${label}: exit ${o.code}\n${o.stderr}`).toContain(o.code);
  expect(o.stderr, label).not.toMatch(/\n\s+at |TypeError|RangeError|ReferenceError/);
  if (o.code === 2) {
    const problems = o.stderr.split('\n').slice(1);
    expect(problems.length, label).toBeGreaterThan(0);
    for (const p of problems) expect(p, `${label}: ${o.stderr}`).toMatch(/^ {2}opsgate\.yml:\d+ /);
  }
}

/** Seeded PRNG (mulberry32): the same 300+ configs on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = unknown;
const WRONG: Json[] = [
  42,
  -1,
  3.5,
  '',
  'text',
  true,
  null,
  [],
  {},
  [1, 'a'],
  { x: 1 },
  '//evil.test/x',
  '${',
];

/** Every container node with its path, to pick a mutation site from. */
function containers(
  v: Json,
  at: (string | number)[] = [],
  out: { node: Json; at: (string | number)[] }[] = [],
) {
  if (v && typeof v === 'object') {
    out.push({ node: v, at });
    for (const [k, c] of Object.entries(v)) containers(c, [...at, Array.isArray(v) ? Number(k) : k], out);
  }
  return out;
}

function structuralMutation(base: Json, r: () => number): string {
  const doc = structuredClone(base) as Record<string, Json>;
  const sites = containers(doc);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const times = 1 + Math.floor(r() * 3);
  for (let i = 0; i < times; i++) {
    const { node } = pick(sites);
    const keys = Object.keys(node as object);
    const kind = Math.floor(r() * 3);
    if (kind === 0 && keys.length) (node as Record<string, Json>)[pick(keys)] = pick(WRONG);
    else if (kind === 1 && keys.length) {
      if (Array.isArray(node)) node.splice(Number(pick(keys)), 1);
      else Reflect.deleteProperty(node as object, pick(keys));
    } else if (!Array.isArray(node)) (node as Record<string, Json>)[`unknown-${i}`] = pick(WRONG);
  }
  return stringify(doc);
}

const aliasBomb = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'target: { base-url: "http://127.0.0.1:1", headers: *e }',
].join('\n');

/** Hand-written hostile inputs (each also a fuzz case). */
const hostile: Record<string, string | Buffer> = {
  'alias bomb': aliasBomb,
  'recursive alias': 'target: &t { base-url: "http://127.0.0.1:1", headers: *t }\n',
  'recursive list alias': 'target: { base-url: "http://127.0.0.1:1" }\nx: &x [1, [*x]]\n',
  'unknown alias': 'target: { base-url: "http://127.0.0.1:1", headers: *nope }\n',
  'deep flow nesting': `target: { base-url: "http://127.0.0.1:1" }\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
  'deep block nesting': `target: { base-url: "http://127.0.0.1:1" }\n${Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n`,
  'utf-16': Buffer.from(`\ufefftarget:\n  base-url: http://127.0.0.1:1\n`, 'utf16le'),
  'latin1 bytes': Buffer.from('target:\n  base-url: http://127.0.0.1:1\n  name: caf\xe9\n', 'latin1'),
  'invalid utf-8': Buffer.concat([
    Buffer.from('target:\n  name: '),
    Buffer.from([0xc3, 0x28, 0xff]),
    Buffer.from('\n'),
  ]),
  binary: Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256)),
  'nul byte': 'target:\n  base-url: http://127.0.0.1:1\n  name: a\u0000b\n',
  'tabs as indentation': 'target:\n\tbase-url: http://127.0.0.1:1\n',
  'two documents': 'target: { base-url: "http://127.0.0.1:1" }\n---\nx: 1\n',
  'complex key': 'target: { base-url: "http://127.0.0.1:1" }\n? [a, b]\n: 1\n',
  'duplicate key': 'target: { base-url: "http://127.0.0.1:1" }\ntarget: { base-url: "http://127.0.0.1:2" }\n',
  'scalar document': '"just a string"\n',
  'list document': '- a\n- b\n',
  'empty document': '',
  'load.endpoints: {}': 'target: { base-url: "http://127.0.0.1:1" }\nload:\n  endpoints: {}\n',
  'unterminated ${': 'target:\n  base-url: http://127.0.0.1:1\n  headers: { X-Key: "${API_KEY" }\n',
  'binary tag': 'target: { base-url: "http://127.0.0.1:1", name: !!binary aGVsbG8= }\n',
  'unknown tag': 'target: { base-url: !custom "http://127.0.0.1:1" }\n',
  'huge number': 'target: { base-url: "http://127.0.0.1:1", timeout-ms: 1e400 }\n',
};
for (const key of ['__proto__', 'constructor', 'prototype']) {
  hostile[`${key} at the top`] =
    `${key}: { load: { endpoints: [] } }\ntarget: { base-url: "http://127.0.0.1:1" }\n`;
  hostile[`${key} under target`] =
    `target:\n  base-url: http://127.0.0.1:1\n  ${key}: { allow-destructive: true }\n`;
  hostile[`${key} in a list`] =
    `target: { base-url: "http://127.0.0.1:1" }\nheaders:\n  paths:\n    - { path: /, ${key}: 1 }\n`;
}
for (const p of ['//host/x', 'http://other/x', '\\\\x', '/a\\b', 'x', '/a b'])
  hostile[`path ${p}`] =
    `target: { base-url: "http://127.0.0.1:1" }\nload:\n  endpoints:\n    - { name: e, path: '${p}' }\n`;

describe('opsgate validate on hostile and mutated configs', () => {
  it('reports each hand-written hostile input as exit 2 with file:line (or accepts it)', async () => {
    const accepted: string[] = [];
    for (const [label, bytes] of Object.entries(hostile)) {
      const o = await validate(bytes);
      expectWellReported(o, label);
      if (o.code === 0) accepted.push(label);
    }
    // Readable, if odd: a replacement character in a name, a !!binary name, an unknown tag ignored.
    expect(accepted.sort()).toEqual(['binary tag', 'latin1 bytes', 'unknown tag']);
  });

  it('300+ mutated demo configs: 0 exit 3, 0 stack traces, every problem with file:line', async () => {
    const base = parse(demoText) as Json;
    const r = rng(20261202);
    const hostileCases = Object.values(hostile);
    let runs = 0;
    const codes = { 0: 0, 2: 0 } as Record<number, number>;
    for (let i = 0; i < 320; i++) {
      const kind = i % 4;
      let bytes: string | Buffer;
      if (kind === 0 || kind === 1) bytes = structuralMutation(base, r);
      else if (kind === 2) {
        // Textual: truncate, flip bytes, or splice in a hostile fragment.
        const buf = Buffer.from(demoText);
        const at = Math.floor(r() * buf.length);
        const t = Math.floor(r() * 3);
        if (t === 0) bytes = buf.subarray(0, at);
        else if (t === 1) {
          for (let k = 0; k < 4; k++) buf[Math.floor(r() * buf.length)] = Math.floor(r() * 256);
          bytes = buf;
        } else {
          const lines = demoText.split('\n');
          const frag = hostileCases[Math.floor(r() * hostileCases.length)]!.toString().split('\n')[0]!;
          lines.splice(Math.floor(r() * lines.length), 0, frag);
          bytes = lines.join('\n');
        }
      } else bytes = hostileCases[i % hostileCases.length]!;
      const o = await validate(bytes);
      expectWellReported(o, `case ${i} (kind ${kind})`);
      codes[o.code] = (codes[o.code] ?? 0) + 1;
      runs++;
    }
    expect(runs).toBeGreaterThanOrEqual(300);
    expect(codes[2]).toBeGreaterThan(150);
  }, 240_000);

  it('a prototype key never reaches the parsed config: allow-destructive stays false', () => {
    const text = 'target:\n  base-url: http://127.0.0.1:1\n  __proto__: { allow-destructive: true }\n';
    let error: unknown;
    try {
      parseConfigText(text, 'opsgate.yml', {});
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      {
        file: 'opsgate.yml',
        line: 3,
        path: 'target.__proto__',
        message: '"__proto__" is not allowed as a key',
      },
    ]);
    expect(({} as { 'allow-destructive'?: boolean })['allow-destructive']).toBeUndefined();
  });

  it('names the line of //host, URL and backslash paths', async () => {
    const o = await validate(
      [
        'target: { base-url: "http://127.0.0.1:1" }',
        'identities:',
        '  v: { kind: json-login, login: { path: //api/login } }',
        'load:',
        '  endpoints:',
        '    - { name: a, path: "http://other/x" }',
        '    - { name: b, path: "\\\\x" }',
      ].join('\n'),
    );
    expect(o.code).toBe(2);
    expect(o.stderr).toContain(
      'opsgate.yml:3 identities.v.login.path: a path starting with "//" names another host',
    );
    expect(o.stderr).toContain(
      'opsgate.yml:6 load.endpoints[0].path: expected a path starting with "/", not a URL',
    );
    expect(o.stderr).toContain('opsgate.yml:7 load.endpoints[1].path: backslashes are not allowed');
  });

  it('validation time grows linearly: 20,000 keys cost about 4× 5,000 keys, not 16×', () => {
    // Both sizes small enough that V8's garbage collector costs alike per key; the 1 MB figure is
    // measured in bench/config-validate.ts.
    const full = largeConfig({ entries: 10_000 }).text;
    const quarter = largeConfig({ entries: 2_500 }).text;
    const time = (text: string): number => {
      const t0 = performance.now();
      parseConfigText(text, 'opsgate.yml', {});
      return performance.now() - t0;
    };
    // Interleaved best-of-7: a busy machine or a major GC slows single runs, not the best one.
    let bestFull = Infinity;
    let bestQuarter = Infinity;
    for (let i = 0; i < 7; i++) {
      bestQuarter = Math.min(bestQuarter, time(quarter));
      bestFull = Math.min(bestFull, time(full));
    }
    expect(bestFull / bestQuarter).toBeLessThan(8);
  }, 120_000);
});
