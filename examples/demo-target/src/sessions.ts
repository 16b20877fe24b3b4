import { randomBytes } from 'node:crypto';
import type { Role } from './database.js';

export interface SessionUser {
  id: number;
  email: string;
  role: Role;
}

/** Bearer tokens held in memory: a restart logs everyone out, which is fine for a demo target. */
export class SessionStore {
  private readonly sessions = new Map<string, SessionUser & { expiresAt: number }>();

  constructor(readonly ttlMs: number) {}

  create(user: SessionUser): string {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { ...user, expiresAt: Date.now() + this.ttlMs });
    return token;
  }

  get(token: string): SessionUser | undefined {
    const session = this.sessions.get(token);
    if (!session) return undefined;
    if (session.expiresAt <= Date.now()) {
      this.sessions.delete(token);
      return undefined;
    }
    return { id: session.id, email: session.email, role: session.role };
  }

  /** A deleted user's tokens must stop working at once. */
  revokeUser(userId: number): void {
    for (const [token, session] of this.sessions) if (session.id === userId) this.sessions.delete(token);
  }

  sweep(now = Date.now()): void {
    for (const [token, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(token);
  }
}
