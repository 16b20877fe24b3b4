import { publishFromAction } from '../github/action-publisher.js';
import type { OpsgateConfig } from '../core/config/schema.js';
import type { Publisher } from './publish-step.js';

/**
 * The publisher the bundled actions use: src/github with the runner's context and the action's
 * token (sticky PR comment, issues, annotations, evidence store). Without a token, or on a fork
 * PR, nothing is written and the message says how to publish from the follow-up workflow.
 */
export const githubPublisher: Publisher = async (request) => {
  const { published, message, drillIssue } = await publishFromAction({
    outDir: request.outDir,
    // publish() reads only config.gate (its own option type is Pick<OpsgateConfig, 'gate'>).
    config: request.config as OpsgateConfig | undefined,
    token: request.token,
    commentKey: request.commentKey,
    pullRequest: request.pullRequest,
    drill: request.drill,
    log: request.log,
  });
  return { published, message, drillIssue };
};
