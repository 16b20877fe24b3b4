import type { LoginFailedError, Session } from './sessions.js';

interface Entry {
  identity: string;
  current: Promise<Session>;
  /** The one re-login a run allows after a 401 on a token that had worked (expiry). */
  refreshed: boolean;
  failure?: LoginFailedError;
}

/**
 * The login state of every identity for one run (one CLI invocation or one drill). Each identity
 * logs in at most once, plus one re-login after a 401 on a token that had answered something
 * else before; a failed login is remembered, so no later request of the run tries again. Wrong
 * passwords therefore cost the target's lockout one attempt, not one per probe.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  /** Sessions whose token answered at least once with something other than 401. */
  private readonly worked = new WeakSet<Session>();

  /** The identity's session, logging in through `login` on first use only. */
  session(key: string, identity: string, login: () => Promise<Session>): Promise<Session> {
    const entry = this.entries.get(key);
    if (entry) return entry.current;
    const fresh: Entry = { identity, current: login(), refreshed: false };
    this.entries.set(key, fresh);
    fresh.current.catch((err: unknown) => {
      fresh.failure = err as LoginFailedError;
    });
    return fresh.current;
  }

  /** Record that a request sent with `session` was answered with something other than 401. */
  markWorked(session: Session): void {
    this.worked.add(session);
  }

  /**
   * After `used` was answered 401: the session to retry with, or undefined when no retry is due
   * (the token never worked, or the run's one re-login is spent). Concurrent 401s share one login.
   */
  async afterUnauthorized(
    key: string,
    used: Session,
    login: () => Promise<Session>,
  ): Promise<Session | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const current = await entry.current.catch(() => undefined);
    if (current && current !== used) return current;
    if (entry.refreshed || !this.worked.has(used)) return undefined;
    entry.refreshed = true;
    entry.current = login();
    entry.current.catch((err: unknown) => {
      entry.failure = err as LoginFailedError;
    });
    return entry.current;
  }

  /** The login failure of an identity in this run, if it failed. */
  failureOf(key: string): LoginFailedError | undefined {
    return this.entries.get(key)?.failure;
  }

  /** Every identity whose login failed in this run. */
  failures(): LoginFailedError[] {
    return [...this.entries.values()].flatMap((e) => (e.failure ? [e.failure] : []));
  }
}
