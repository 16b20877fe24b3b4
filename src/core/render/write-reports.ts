import { mkdir } from 'node:fs/promises';
import { writeFileAtomic } from '../atomic-write.js';
import path from 'node:path';
import type { OpsgateConfig } from '../config/schema.js';
import type { Evidence } from '../evidence/model.js';
import { readAllEvidence } from '../evidence/store-files.js';
import { runGate, type GateResult } from '../gate/gate.js';
import { redact } from '../secrets.js';
import { renderJunit } from './junit.js';
import { renderReport } from './markdown.js';

/**
 * (Re)write report.md and junit.xml from `evidence`, or from all evidence in the out dir (the
 * gate, which combines every job's evidence).
 */
export async function writeReports(
  outDir: string,
  config?: Pick<OpsgateConfig, 'gate'>,
  evidence?: Evidence[],
): Promise<GateResult> {
  const gate = runGate(evidence ?? (await readAllEvidence(outDir)), config);
  await mkdir(outDir, { recursive: true });
  await writeFileAtomic(path.join(outDir, 'report.md'), redact(renderReport(gate)));
  await writeFileAtomic(path.join(outDir, 'junit.xml'), redact(renderJunit(gate)));
  return gate;
}
