import { ConfigError, type ConfigProblem } from '../../core/errors.js';

/** The levels a ZAP rules.tsv line may set (zap_common.py `zap_conf_lvls` plus OUTOFSCOPE); PASS and WARN change nothing here. */
export const RULE_LEVELS = ['PASS', 'IGNORE', 'INFO', 'WARN', 'FAIL', 'OUTOFSCOPE'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

/** One line of a rules.tsv. */
export interface ZapRuleLine {
  line: number;
  /** Plugin id; OUTOFSCOPE lines may list several ids separated by commas, or `*`. */
  rules: string[];
  level: RuleLevel;
  /** Rule name for levels (or the user's justification written in its place), URL regex for OUTOFSCOPE. */
  value: string;
  /** Columns 4 and on (the user message), joined: any trailing column is kept. */
  message?: string;
}

/**
 * Why a line exists, in the user's words. ZAP's third column names the rule and the fourth is the
 * message, so with a fourth (or later) column those are the reason; a line of three columns keeps
 * its third as the reason unless it only names the rule (`(Rule name)` as ZAP writes it, or the
 * alert's own name) or is an OUTOFSCOPE regex. Undefined when the file gives no reason.
 */
export function justificationOf(line: ZapRuleLine, alertName?: string): string | undefined {
  if (line.message) return line.message;
  const bare = (s: string): string =>
    s
      .trim()
      .replace(/^\((.*)\)$/s, '$1')
      .trim()
      .toLowerCase();
  const isName =
    line.level === 'OUTOFSCOPE' ||
    /^\(.*\)$/s.test(line.value.trim()) ||
    (alertName !== undefined && bare(line.value) === bare(alertName));
  return isName || !line.value.trim() ? undefined : line.value.trim();
}

/**
 * Parse a ZAP rules.tsv as zap_common.py `load_config` reads it: `#` comments and blank lines are
 * skipped, every other line needs at least three tab-separated columns. Unlike ZAP, every malformed
 * line is an error naming its line number (all of them at once): never a silent partial read.
 */
export function parseRulesTsv(text: string, file: string): ZapRuleLine[] {
  const lines: ZapRuleLine[] = [];
  const problems: ConfigProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.startsWith('#') || raw.trim() === '') return;
    const fail = (message: string): void => {
      problems.push({ file, line, path: '', message: `${message}: ${JSON.stringify(raw.slice(0, 80))}` });
    };
    const cols = raw.replace(/\s+$/, '').split('\t');
    if (cols.length < 3) return fail('expected at least 3 tab-separated columns (rule, level, name)');
    const [id, level, value, ...rest] = cols as [string, string, string, ...string[]];
    if (!(RULE_LEVELS as readonly string[]).includes(level))
      return fail(`level "${level}" is not one of ${RULE_LEVELS.join(', ')}`);
    const rules = level === 'OUTOFSCOPE' ? id.split(',') : [id];
    if (rules.some((r) => !/^(\d+|\*)$/.test(r) || (r === '*' && level !== 'OUTOFSCOPE')))
      return fail(`rule "${id}" is not a ZAP rule id`);
    if (level === 'OUTOFSCOPE') {
      try {
        new RegExp(value);
      } catch (err) {
        return fail(`OUTOFSCOPE URL is not a valid regular expression (${(err as Error).message})`);
      }
    }
    const message = rest
      .map((c) => c.trim())
      .filter(Boolean)
      .join(' ');
    lines.push({
      line,
      rules,
      level: level as RuleLevel,
      value,
      ...(message ? { message } : {}),
    });
  });
  if (problems.length) throw new ConfigError(problems);
  return lines;
}
