import { mkdir, readdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../atomic-write.js';
import path from 'node:path';
import { redactDeep } from '../secrets.js';
import { evidenceSchema, type Evidence } from './model.js';

/**
 * `out/evidence/<name>.json`, confined to the out dir: a name that is not a plain file name
 * (`../x`, absolute, `..\\x`, NUL) is refused with a message instead of written elsewhere.
 */
export function evidencePath(outDir: string, name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(name) || name.includes('..'))
    throw new Error(
      `refusing evidence file name ${JSON.stringify(name)}: not a plain file name inside the out dir`,
    );
  const dir = path.resolve(outDir, 'evidence');
  const file = path.resolve(dir, `${name}.json`);
  if (path.dirname(file) !== dir) throw new Error(`refusing evidence path ${file}: outside ${dir}`);
  return file;
}

/**
 * Validate, redact and write evidence atomically. Written before anything is published, so a
 * GitHub outage never loses a measurement.
 */
export async function writeEvidence(outDir: string, evidence: Evidence): Promise<string> {
  const clean = evidenceSchema.parse(redactDeep(evidence));
  const file = evidencePath(outDir, clean.check);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify(clean, null, 2) + '\n');
  return file;
}

export async function readEvidenceFile(file: string): Promise<Evidence> {
  const parsed = evidenceSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`${file} is not valid opsgate evidence: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** Every evidence file under `out/evidence`, sorted by check name. */
export async function readAllEvidence(outDir: string): Promise<Evidence[]> {
  const dir = path.join(outDir, 'evidence');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return Promise.all(names.map((n) => readEvidenceFile(path.join(dir, n))));
}
