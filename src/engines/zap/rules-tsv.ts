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
  /** Rule name for levels, URL regex for OUTOFSCOPE. */
  value: string;
  /** Optional user message (4th column). */
  message?: string;
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
    if (rest.length > 1) return fail('expected at most 4 tab-separated columns');
    lines.push({
      line,
      rules,
      level: level as RuleLevel,
      value,
      ...(rest[0] ? { message: rest[0] } : {}),
    });
  });
  if (problems.length) throw new ConfigError(problems);
  return lines;
}
