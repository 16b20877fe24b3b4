/** Entry of the `signoff` action (bundled to dist/signoff.js): event → drill log. */
import * as core from '@actions/core';
import { redact } from '../core/secrets.js';
import { lazyRunnerStore } from './lazy-github.js';
import { runSignoff } from './run-signoff.js';

try {
  const token = core.getInput('token');
  if (token) core.setSecret(token);
  const result = await runSignoff({
    configFile: core.getInput('config') || 'opsgate.yml',
    drillFile: core.getInput('drill-file') || 'drills/monthly.yml',
    approvers: core
      .getInput('approvers')
      .split(/[\s,]+/)
      .filter(Boolean),
    eventName: process.env.GITHUB_EVENT_NAME ?? '',
    eventPath: process.env.GITHUB_EVENT_PATH ?? '',
    storeFor: (local) => lazyRunnerStore(token, local),
  });
  for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value);
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(result.summary, true).write();
  core.info(result.decision.recorded ? `sign-off recorded` : `no sign-off: ${result.decision.reason}`);
} catch (err) {
  core.setFailed(redact(err instanceof Error ? err.message : String(err)));
}
