import { describe, expect, it } from 'vitest';
import { decodeLatin1Utf8, untrustedCell, untrustedText } from '../../../src/core/render/untrusted-text.js';
import { renderReport } from '../../../src/core/render/markdown.js';

const hostile = [
  'PHP/8.3 <!-- opsgate:comment:pr-checks --> <!-- opsgate:drill:2026-08 -->',
  '@octocat @org/team #1 GH-2',
  '<img src=x> <h1>✅ all controls PASS</h1> </details><details>',
  '```\nfenced\n```',
  'Strict|None',
].join('\n');

describe('untrustedText', () => {
  it('leaves no marker, tag, mention, reference, fence or cell breaker active', () => {
    const out = untrustedCell(hostile, 10_000);
    expect(out).not.toMatch(/<!--|-->|<img|<h1|<\/details>|<details>/);
    expect(out).not.toMatch(/@octocat|@org|#1|GH-2/);
    expect(out).not.toContain('```');
    expect(out).not.toMatch(/[^\\]\|/);
    expect(out.split('<br>')).toHaveLength(7);
    expect(untrustedText(hostile, { maxBytes: 10_000 })).not.toContain('\n');
  });

  it('truncates long values with their byte count', () => {
    const out = untrustedText('x'.repeat(1024 * 1024));
    expect(out.length).toBeLessThan(400);
    expect(out).toContain('1048576 bytes');
  });

  it('decodes UTF-8 that node:http delivered as latin1', () => {
    const latin1 = Buffer.from('café ✅', 'utf8').toString('latin1');
    expect(decodeLatin1Utf8(latin1)).toBe('café ✅');
    expect(decodeLatin1Utf8('plain ÿ')).toBe('plain ÿ');
  });

  it('is applied to every report cell', () => {
    const md = renderReport({
      verdict: 'fail',
      passed: false,
      checks: [
        {
          check: 'headers',
          verdict: 'fail',
          summary: hostile,
          controls: [{ name: 'x', status: 'fail', expected: 'a', actual: hostile, detail: hostile }],
        },
      ],
    } as never);
    expect(md).not.toMatch(/<!--|@octocat|<img|<\/details><details>/);
  });
});
