/**
 * Reads the Prometheus text exposition format with parse-prometheus-text-format. The text is the
 * target's: lines the parser refuses, names that are not Prometheus names and values that are not
 * numbers are counted and dropped, never trusted; the caller bounds the size before it gets here.
 */
import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format';
import { LABEL_NAME, METRIC_NAME } from '../../core/config/sections/server-metrics.js';

/** One sample line: `name{labels} value`, with histogram and summary parts as their own series. */
export interface Series {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  series: Series[];
  /** Lines (or samples) that were not valid exposition text. */
  rejected: number;
  /** The first rejected lines (at most 3), as the target wrote them: untrusted, render through untrusted-text. */
  rejectedExamples?: string[];
  /** `# TYPE` of each family that declared one (lower case). */
  types: Record<string, string>;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const TYPE_LINE = /^#\s+TYPE\s+(\S+)\s+(\S+)$/;

/** A sample value: a float, `+Inf`, `-Inf` or `NaN`; undefined when it is none of these. */
export function sampleValue(raw: string | undefined): number | undefined {
  const v = raw?.trim() ?? '';
  if (/^\+?inf$/i.test(v)) return Infinity;
  if (/^-inf$/i.test(v)) return -Infinity;
  if (/^nan$/i.test(v)) return NaN;
  return NUMBER.test(v) ? Number(v) : undefined;
}

function tryParse(text: string): ParsedFamily[] | undefined {
  try {
    return parsePrometheusTextFormat(text);
  } catch {
    return undefined;
  }
}

export function parseExposition(text: string): Exposition {
  const types: Record<string, string> = {};
  let rejected = 0;
  const examples: string[] = [];
  const reject = (line: string): void => {
    if (++rejected <= 3) examples.push(line.slice(0, 200));
  };
  // The parser folds the labelled samples of a histogram or summary into one (losing their labels);
  // without their TYPE line each `_bucket`, `_sum` and `_count` sample stays a series of its own.
  const lines = text.split('\n').flatMap((raw) => {
    const line = raw.trim();
    const type = TYPE_LINE.exec(line);
    if (type) types[type[1]!] = type[2]!.toLowerCase();
    return type && /^(histogram|summary)$/i.test(type[2]!) ? [] : [line];
  });
  // The parser drops the last sample of a text that does not end with a newline.
  let families = tryParse(lines.join('\n') + '\n');
  if (!families) {
    // One bad line makes the parser refuse the whole text: find the lines it refuses alone, drop them.
    const readable = lines.filter((line) => {
      if (!line || tryParse(line)) return true;
      reject(line);
      return false;
    });
    families = tryParse(readable.join('\n') + '\n') ?? [];
  }
  const series: Series[] = [];
  for (const family of families)
    for (const sample of family.metrics) {
      const value = sampleValue(sample.value);
      const labels = Object.entries(sample.labels ?? {});
      if (
        value === undefined ||
        !METRIC_NAME.test(family.name) ||
        labels.some(([k]) => !LABEL_NAME.test(k))
      ) {
        reject(
          `${family.name}${labels.length ? `{${labels.map(([k, v]) => `${k}="${v}"`).join(',')}}` : ''} ${sample.value ?? ''}`,
        );
        continue;
      }
      series.push({ name: family.name, labels: Object.fromEntries(labels), value });
    }
  return { series, rejected, ...(examples.length ? { rejectedExamples: examples } : {}), types };
}
