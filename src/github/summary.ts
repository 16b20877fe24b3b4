import { appendFile } from 'node:fs/promises';
import { redact } from '../core/secrets.js';

/** GitHub refuses step summaries over 1 MiB; stay well under it. */
export const MAX_SUMMARY_BYTES = 1_000_000;

/**
 * Append markdown to the job summary (`GITHUB_STEP_SUMMARY`). Outside Actions there is no such
 * file and nothing is written. Returns whether it was written.
 */
export async function appendJobSummary(
  markdown: string,
  file: string | undefined = process.env.GITHUB_STEP_SUMMARY,
): Promise<boolean> {
  if (!file) return false;
  let text = redact(markdown);
  if (Buffer.byteLength(text) > MAX_SUMMARY_BYTES) {
    text = Buffer.from(text)
      .subarray(0, MAX_SUMMARY_BYTES - 200)
      .toString('utf8')
      .replace(/\uFFFD$/, '');
    text += '\n\n> Summary truncated; the full report.md is in the run artifacts.\n';
  }
  await appendFile(file, text.endsWith('\n') ? text : `${text}\n`);
  return true;
}
