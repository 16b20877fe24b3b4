import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { untrustedMarkdown, untrustedText } from '../core/render/untrusted-text.js';
import { evidenceSchema, type Evidence } from '../core/evidence/model.js';
import { evidencePath } from '../core/evidence/store-files.js';
import { redactDeep } from '../core/secrets.js';

/** Depth bound for the artifact walk: download-artifact nests one dir per artifact. */
const MAX_DEPTH = 6;
/** Larger files are not evidence a check wrote; refuse rather than parse. */
const MAX_EVIDENCE_BYTES = 32 * 1024 * 1024;

/** Every `evidence/*.json` file under `dir` (recursively, bounded; symlinks not followed). */
export async function findEvidenceFiles(dir: string, depth = 0): Promise<string[]> {
  if (depth > MAX_DEPTH) return [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) found.push(...(await findEvidenceFiles(abs, depth + 1)));
    else if (e.isFile() && e.name.endsWith('.json') && path.basename(dir) === 'evidence') found.push(abs);
  }
  return found;
}

/**
 * Parse and validate one file from elsewhere (an artifact): the schema strips unknown keys and
 * refuses a check name that is not a slug, so what comes out is only what opsgate would write.
 */
export async function readForeignEvidence(file: string): Promise<Evidence> {
  const size = (await stat(file)).size;
  if (size > MAX_EVIDENCE_BYTES) throw new Error(`${file}: ${size} bytes is too large for evidence`);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} is not JSON: ${(err as Error).message}`, { cause: err });
  }
  const parsed = evidenceSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${file} is not valid opsgate evidence: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  // Sections are markdown the producing run rendered; from an artifact that run may be a fork's.
  return {
    ...parsed.data,
    sections: parsed.data.sections?.map((s) => ({
      title: untrustedText(s.title),
      markdown: untrustedMarkdown(s.markdown),
    })),
  };
}

/**
 * Bring the evidence of other jobs (downloaded artifacts) into `outDir/evidence` so the gate and
 * the reports see one run. Each file is parsed, validated and re-written — never copied — under a
 * name confined to the out dir; a second file of the same check (load shards) gets a name derived
 * from where it came from instead of overwriting.
 */
export async function collectEvidence(outDir: string, dirs: string[]): Promise<string[]> {
  const target = path.resolve(outDir, 'evidence');
  await mkdir(target, { recursive: true });
  const written: string[] = [];
  for (const dir of dirs) {
    for (const file of await findEvidenceFiles(path.resolve(dir))) {
      if (path.dirname(file) === target) continue;
      const evidence = await readForeignEvidence(file);
      let dest = evidencePath(outDir, evidence.check);
      if (await exists(dest)) {
        const origin =
          path.relative(path.resolve(dir), path.dirname(path.dirname(file))) || path.basename(dir);
        const slug = origin.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+/, '').slice(0, 60) || 'other';
        dest = evidencePath(outDir, `${evidence.check}--${slug}`);
      }
      const tmp = `${dest}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(redactDeep(evidence), null, 2) + '\n');
      await rename(tmp, dest);
      written.push(dest);
    }
  }
  return written;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
