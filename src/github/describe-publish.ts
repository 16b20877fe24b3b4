import path from 'node:path';
import type { PublishResult } from './publish.js';

/** One line per part: what was posted. */
export function describePublish(r: PublishResult): string {
  const lines = [`gate: ${r.verdict} (${r.evidenceFiles} evidence files)`];
  if (r.readOnly) lines.push('published: nothing (read-only token); see the follow-up instructions above');
  if (r.stored) lines.push(`evidence store: ${r.stored.created} new records on ${r.stored.branch}`);
  if (r.comment) lines.push(`PR comment: ${r.comment.action} ${r.comment.url}`);
  if (r.issues) {
    const i = r.issues;
    lines.push(
      `issues: ${i.created} opened, ${i.commented} updated, ${i.reopened} reopened, ${i.closed} closed, ${i.unchanged} unchanged`,
    );
  }
  for (const s of r.sarif)
    lines.push(`SARIF ${path.basename(s.file)}: ${s.uploaded ? `uploaded (${s.id})` : s.skipped}`);
  if (r.summary) lines.push('job summary: written');
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}
