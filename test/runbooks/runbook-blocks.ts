import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The `## heading` sections of a markdown document, by heading text. */
export function sections(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = markdown.split(/^## /m).slice(1);
  for (const p of parts) {
    const nl = p.indexOf('\n');
    out.set(p.slice(0, nl).trim(), p.slice(nl + 1));
  }
  return out;
}

/** The fenced bash blocks of a markdown text, in order, with list indentation removed. */
export function bashBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  for (const m of markdown.matchAll(/^( *)```(?:bash|sh)\n([\s\S]*?)^\1```$/gm)) {
    const indent = m[1]!.length;
    blocks.push(
      m[2]!
        .split('\n')
        .map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))
        .join('\n'),
    );
  }
  return blocks;
}

/** The bash blocks of the named sections, in document order. */
export function blocksOf(markdown: string, headings: string[]): string[] {
  const all = sections(markdown);
  return headings.flatMap((h) => {
    const s = all.get(h);
    if (s === undefined) throw new Error(`runbook has no section "## ${h}"`);
    return bashBlocks(s);
  });
}

/**
 * Run commands as on-call would paste them into one bash shell, with a clean environment (only
 * PATH, HOME, TMPDIR: every other variable must come from the commands themselves). `-u` makes
 * an undefined variable an error, `-e -o pipefail` stops at the first failing command.
 */
export async function runBash(
  script: string,
  opts: { cwd: string; stdin?: string; timeoutMs?: number },
): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opsgate-runbook-sh-'));
  const file = path.join(dir, 'runbook.sh');
  await writeFile(file, script);
  try {
    return await new Promise((resolve) => {
      const child = execFile(
        'bash',
        ['-euo', 'pipefail', file],
        {
          cwd: opts.cwd,
          env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: os.tmpdir() },
          timeout: opts.timeoutMs ?? 120_000,
          maxBuffer: 16 * 1024 * 1024,
        },
        (err, stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, stdout, stderr }),
      );
      // A script that stops before reading its stdin closes the pipe: not an error of the test.
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(opts.stdin ?? '');
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
