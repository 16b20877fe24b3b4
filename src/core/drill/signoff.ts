import { checkedApprovers, drillMonthOf } from './drill-issue.js';

/** A sign-off as recorded in the drill log (`logs/drill.jsonl` of the evidence store). */
export interface SignoffRecord {
  kind: 'signoff';
  drill: string;
  approver: string;
  via: 'comment' | 'checkbox';
  at: string;
  issue?: number;
  url?: string;
}

export type SignoffDecision =
  | { recorded: true; record: SignoffRecord }
  | { recorded: false; reason: string; drill?: string; approver?: string };

/** The parts of a GitHub `issue_comment` / `issues` event payload a sign-off depends on. */
interface EventPayload {
  action?: string;
  sender?: { login?: string };
  comment?: { body?: string; user?: { login?: string }; html_url?: string; created_at?: string };
  issue?: {
    number?: number;
    title?: string;
    body?: string | null;
    html_url?: string;
    pull_request?: unknown;
  };
  changes?: { body?: { from?: string } };
}

/**
 * Decide whether an event is a valid sign-off of a drill: a `/signoff` comment or a newly ticked
 * checkbox on a `Drill YYYY-MM` issue, by a listed approver (case-insensitive login). Anything
 * else is not recorded, with the reason.
 */
export function decideSignoff(
  eventName: string,
  payload: EventPayload,
  approvers: string[],
  now = new Date(),
): SignoffDecision {
  const issue = payload.issue;
  if (!issue || issue.pull_request) return { recorded: false, reason: 'not an issue event' };
  const drill = drillMonthOf(issue.body ?? '') ?? drillMonthOf(issue.title ?? '');
  if (!drill) return { recorded: false, reason: `issue #${issue.number} is not a drill issue` };
  const allowed = new Set(approvers.map((a) => a.replace(/^@/, '').toLowerCase()));
  let login: string | undefined;
  let via: SignoffRecord['via'];
  let url = issue.html_url;
  if (eventName === 'issue_comment') {
    if (payload.action && payload.action !== 'created')
      return { recorded: false, reason: 'comment not new', drill };
    if (!/^\/signoff\b/m.test(payload.comment?.body ?? ''))
      return { recorded: false, reason: 'no /signoff command', drill };
    login = payload.comment?.user?.login;
    via = 'comment';
    url = payload.comment?.html_url ?? url;
  } else if (eventName === 'issues') {
    login = payload.sender?.login;
    const before = new Set(checkedApprovers(payload.changes?.body?.from ?? '').map((l) => l.toLowerCase()));
    const ticked = checkedApprovers(issue.body ?? '').filter((l) => !before.has(l.toLowerCase()));
    if (!login || !ticked.some((l) => l.toLowerCase() === login!.toLowerCase()))
      return {
        recorded: false,
        reason: 'no newly ticked sign-off box of the editor',
        drill,
        approver: login,
      };
    via = 'checkbox';
  } else return { recorded: false, reason: `event ${eventName} cannot sign off`, drill };
  if (!login) return { recorded: false, reason: 'event has no author', drill };
  if (!allowed.has(login.toLowerCase()))
    return { recorded: false, reason: `@${login} is not a listed approver`, drill, approver: login };
  return {
    recorded: true,
    record: { kind: 'signoff', drill, approver: login, via, at: now.toISOString(), issue: issue.number, url },
  };
}

/** True when the log already holds this approver's sign-off of this drill (re-delivered events). */
export function alreadySigned(records: Record<string, unknown>[], record: SignoffRecord): boolean {
  return records.some(
    (r) =>
      r.kind === 'signoff' &&
      r.drill === record.drill &&
      String(r.approver).toLowerCase() === record.approver.toLowerCase(),
  );
}
