/**
 * Read a load-test result produced elsewhere: recognise its format by shape, register every
 * string in k6's `setup_data` as a secret (scripts return login tokens from setup), and turn it
 * into the stats the load check builds Evidence from. A file that is none of the formats is a
 * usage error naming the formats that were expected.
 */
import { readFile, stat } from 'node:fs/promises';
import { ConfigError } from '../../core/errors.js';
import { registerSecret } from '../../core/secrets.js';
import { looksLikeArtilleryReport, statsFromArtilleryReport } from '../artillery/read-report.js';
import { statsFromNormalized, type ResultStats } from '../k6/summary-formats/normalized-summary.js';
import {
  looksLikeHandleSummary,
  looksLikeMachineReadable,
  looksLikeSummaryExport,
  parseHandleSummary,
  parseMachineReadable,
  parseSummaryExport,
} from '../k6/summary-formats/parse-k6-summaries.js';

export const RESULT_FORMATS = [
  'k6 handleSummary JSON (an object with metrics.<name>.values)',
  'k6 --summary-export JSON (metrics with flat values)',
  'k6 machine-readable summary (--new-machine-readable-summary: version, metadata, results.metrics[])',
  'Artillery JSON report (artillery run --output: aggregate.counters)',
];

/** Register the string leaves of setup data (tokens, passwords) so every output masks them. */
function registerStrings(v: unknown, depth = 0): void {
  if (depth > 20) return;
  if (typeof v === 'string') registerSecret(v.length >= 8 ? v : undefined);
  else if (Array.isArray(v)) for (const x of v) registerStrings(x, depth + 1);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) registerStrings(x, depth + 1);
}

/** Stats from parsed JSON, or undefined when the shape is not one of RESULT_FORMATS. */
export function statsFromResultJson(json: unknown): ResultStats | undefined {
  if (looksLikeArtilleryReport(json)) return statsFromArtilleryReport(json);
  const summary = looksLikeMachineReadable(json)
    ? parseMachineReadable(json)
    : looksLikeHandleSummary(json)
      ? parseHandleSummary(json)
      : looksLikeSummaryExport(json)
        ? parseSummaryExport(json)
        : undefined;
  if (!summary) return undefined;
  registerStrings(summary.setupData);
  return statsFromNormalized(summary);
}

/** Summaries are kilobytes; a report of hundreds of megabytes is not one (or not one to parse whole). */
export const MAX_RESULT_BYTES = 64 * 1024 * 1024;

export async function readResultFile(file: string, configPath = '--from'): Promise<ResultStats> {
  const expected = `expected one of: ${RESULT_FORMATS.join('; ')}`;
  let text: string;
  try {
    const size = (await stat(file)).size;
    if (size > MAX_RESULT_BYTES)
      throw new ConfigError([
        {
          path: configPath,
          message: `${file} is ${Math.round(size / 1048576)} MiB; a result file is read up to ${MAX_RESULT_BYTES / 1048576} MiB`,
        },
      ]);
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError([
      {
        path: configPath,
        message: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError([
      { path: configPath, message: `${file} is not JSON (${(err as Error).message}); ${expected}` },
    ]);
  }
  const stats = statsFromResultJson(json);
  if (!stats)
    throw new ConfigError([
      { path: configPath, message: `${file} is not a load-test result opsgate reads; ${expected}` },
    ]);
  return stats;
}
