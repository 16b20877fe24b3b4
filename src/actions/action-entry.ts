import * as core from '@actions/core';
import { ConfigError } from '../core/errors.js';
import { installRedactingOutput } from '../core/redacting-output.js';
import { redact } from '../core/secrets.js';
import type { ActionDefinition } from './definitions/index.js';
import { readActionSettings } from './read-settings.js';
import { runActionCheck, type ActionDeps, type ActionResult } from './run-action.js';

/**
 * The runner side of every action: inputs → settings → runActionCheck → outputs, job summary
 * and step status. Configuration mistakes fail the step with the list of problems, no stack.
 */
export async function runActionEntry(
  def: ActionDefinition,
  deps: Pick<ActionDeps, 'publisher' | 'store'> = {},
): Promise<void> {
  // The runner masks only what it was told; every line the action logs (debug stacks and library
  // warnings included) passes the same redaction as the CLI's.
  installRedactingOutput();
  try {
    const settings = readActionSettings(def);
    const result = await runActionCheck(settings, { ...deps, log: (m) => core.info(redact(m)) });
    await applyResult(result);
  } catch (err) {
    try {
      core.setOutput('verdict', 'error');
    } catch {
      // No usable GITHUB_OUTPUT file: the failure below still says what went wrong.
    }
    const message =
      err instanceof ConfigError
        ? `configuration error${err.problems.length > 1 ? `s (${err.problems.length})` : ''}:\n${err.message}`
        : err instanceof Error
          ? err.message
          : String(err);
    await writeSummary(`## ${def.title} — 💥 did not run\n\n\`\`\`\n${redact(message)}\n\`\`\`\n`);
    if (process.env.OPSGATE_DEBUG && err instanceof Error) core.debug(err.stack ?? '');
    core.setFailed(redact(message));
  }
}

async function applyResult(result: ActionResult): Promise<void> {
  for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value);
  await writeSummary(result.summary);
  if (result.skipped) core.notice(`skipped: ${result.skipped}`);
  else core.info(`opsgate: verdict ${result.verdict}`);
  if (result.failure) core.setFailed(result.failure);
}

/** Every action writes a job summary; outside a runner (no GITHUB_STEP_SUMMARY) it is skipped. */
async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown, true).write();
}
