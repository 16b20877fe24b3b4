/**
 * Connection details for PostgreSQL tools without leaking credentials: the password travels in
 * PGPASSWORD (not argv, where `ps` would show it), and every URL we display is redacted.
 */
import { registerSecret } from '../../core/secrets.js';

export interface ToolConnection {
  /** The URL without its password, for `-d`. */
  dbname: string;
  /** Environment for the child process (PGPASSWORD when the URL had one). */
  env: NodeJS.ProcessEnv;
}

/** Split a postgres:// URL into a password-free `-d` argument and a PGPASSWORD environment. */
export function toolConnection(url: string): ToolConnection {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  registerSecret(password);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { dbname: u.toString(), env };
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** `host:port/database` — enough to say where, nothing secret. */
export function describeConnection(url: string): string {
  const u = new URL(url);
  return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
}

/** Quote an identifier for SQL (`"name"`, inner quotes doubled). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
