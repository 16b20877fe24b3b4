import type { FaultAction } from '../../core/config/sections/fault.js';
import type { OpsgateConfig } from '../../core/config/schema.js';
import type { ConfigProblem } from '../../core/errors.js';
import { isAllowedHost } from '../../engines/http/host-policy.js';
import { redact } from '../../core/secrets.js';

/**
 * Everything that must hold before anything is broken, all reported at once: argv carries no
 * secret (a process listing and the evidence would show it), fault-proxy URLs are on
 * allow-listed hosts, and every identity a probe names exists.
 */
export function faultPreflight(config: OpsgateConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const scenarios = config.fault?.scenarios ?? [];
  const identities = new Set(['anonymous', ...Object.keys(config.identities)]);
  scenarios.forEach((s, i) => {
    const at = `fault.scenarios[${i}]`;
    for (const [key, action] of [
      ['inject', s.inject],
      ['recover', s.recover],
    ] as [string, FaultAction][]) {
      if ('command' in action) {
        action.command.forEach((arg, j) => {
          if (redact(arg) !== arg)
            problems.push({
              path: `${at}.${key}.command[${j}]`,
              message: `carries a secret (a \${ENV} value or a password); pass it through ${key}.env instead of argv`,
            });
        });
      } else if (!isAllowedHost(config.target, action.http.url))
        problems.push({
          path: `${at}.${key}.http.url`,
          message: `${new URL(action.http.url).hostname} is not in target.allow-hosts`,
        });
    }
    s.probe.endpoints.forEach((e, j) => {
      if (!identities.has(e.identity))
        problems.push({
          path: `${at}.probe.endpoints[${j}].identity`,
          message: `identity "${e.identity}" is not defined under identities`,
        });
    });
    s.consistency.forEach((c, j) => {
      if ('http' in c && !identities.has(c.http.identity))
        problems.push({
          path: `${at}.consistency[${j}].http.identity`,
          message: `identity "${c.http.identity}" is not defined under identities`,
        });
    });
  });
  return problems;
}
