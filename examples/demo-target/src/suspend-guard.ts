/**
 * The strict profile's login guard, as self-hosted CMSes do it: every attempt for an email counts,
 * a successful login resets the count, and the attempt after `maxAttempts` since the last success
 * suspends the account. A suspended account answers 401 to every login, the right password
 * included, until an admin re-activates it. In memory: a restart re-activates everyone.
 */
export class SuspendGuard {
  private readonly counts = new Map<string, number>();
  private readonly suspended = new Set<string>();

  constructor(readonly maxAttempts: number) {}

  /** Called before the password is checked: false when the account is (now) suspended. */
  admit(email: string): boolean {
    if (this.suspended.has(email)) return false;
    const count = this.counts.get(email) ?? 0;
    if (count >= this.maxAttempts) {
      this.suspended.add(email);
      this.counts.delete(email);
      return false;
    }
    this.counts.set(email, count + 1);
    return true;
  }

  succeeded(email: string): void {
    this.counts.delete(email);
  }

  isSuspended(email: string): boolean {
    return this.suspended.has(email);
  }

  /** Admin re-activation: clears the suspension and the count. */
  reactivate(email: string): void {
    this.suspended.delete(email);
    this.counts.delete(email);
  }
}
