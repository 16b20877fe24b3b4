import { ConfigError } from '../../core/errors.js';
import type { TargetConfig } from '../../core/config/sections/target.js';

/** Hosts traffic may go to: `target.allow-hosts`, or the base URL's own host. */
export function allowedHosts(target: TargetConfig): string[] {
  return target['allow-hosts'] ?? [new URL(target['base-url']).hostname];
}

export function isAllowedHost(target: TargetConfig, url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return allowedHosts(target).some((h) => h.replace(/^\[|\]$/g, '') === host);
}

/** Refuse before sending anything to a host the config did not allow. */
export function assertAllowedHost(target: TargetConfig, url: string): void {
  if (!isAllowedHost(target, url)) {
    throw new ConfigError(
      `target.allow-hosts: ${new URL(url).hostname} is not allow-listed (${allowedHosts(target).join(', ')})`,
    );
  }
}

/** Destructive probes need both the switch and an allow-listed host. */
export function destructiveAllowed(target: TargetConfig): { allowed: boolean; reason?: string } {
  if (!target['allow-destructive']) return { allowed: false, reason: 'target.allow-destructive is false' };
  if (!isAllowedHost(target, target['base-url']))
    return { allowed: false, reason: 'target host is not in target.allow-hosts' };
  return { allowed: true };
}

const loopback = new Set(['127.0.0.1', '::1', 'localhost']);

/** Load and abuse traffic is only generated against loopback or explicitly allow-listed hosts. */
export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return loopback.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}
