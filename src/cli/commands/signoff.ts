import type { Command } from 'commander';
import { runSignoff } from '../../actions/run-signoff.js';
import type { GlobalOptions } from '../context.js';

/** `opsgate signoff`: record a drill sign-off from a GitHub event payload (same logic as the signoff action). */
export function registerSignoff(program: Command): void {
  program
    .command('signoff')
    .description('record a drill sign-off (/signoff comment or ticked box by an approver) in the drill log')
    .requiredOption('--event <file>', 'GitHub event payload (GITHUB_EVENT_PATH)')
    .requiredOption('--event-name <name>', 'issue_comment or issues (GITHUB_EVENT_NAME)')
    .option('--drill <file>', 'drill definition with the approvers', 'drills/monthly.yml')
    .option('--approvers <logins>', 'additional approvers, comma separated', '')
    .action(async (opts: { event: string; eventName: string; drill: string; approvers: string }) => {
      const result = await runSignoff({
        configFile: program.opts<GlobalOptions>().config,
        drillFile: opts.drill,
        approvers: opts.approvers.split(/[\s,]+/).filter(Boolean),
        eventName: opts.eventName,
        eventPath: opts.event,
      });
      console.log(
        result.decision.recorded
          ? `signed off: Drill ${result.decision.record.drill} by @${result.decision.record.approver}${result.appended ? '' : ' (already recorded)'}`
          : `not recorded: ${result.decision.reason}`,
      );
    });
}
