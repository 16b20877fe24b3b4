/**
 * What the server-metrics samples add to the load evidence: one threshold per control, a finding
 * when scrapes failed or the target wrote lines that are not exposition text, the samples in
 * `data.serverMetrics`, and a report section with human units. Everything the target wrote
 * (errors quoting its Location, rejected lines) is rendered through the untrusted-text boundary.
 */
import { durationMs } from '../../core/config/sections/common.js';
import type { ServerMetricsConfig } from '../../core/config/sections/server-metrics.js';
import type { Evidence, Finding, Threshold } from '../../core/evidence/model.js';
import { fingerprintOf } from '../../core/gate/fingerprint.js';
import { cell } from '../../core/render/markdown.js';
import { untrustedText } from '../../core/render/untrusted-text.js';
import { formatQuantity } from '../../core/units.js';
import { evaluateServerControls, serverThresholds, type ServerControl } from './server-controls.js';
import type { ServerSampling } from './server-sampler.js';

/** Points listed per failing control at most (the evidence keeps all of them). */
const MAX_ROWS = 60;

type Parts = Pick<Evidence, 'thresholds' | 'findings'> & {
  section: { title: string; markdown: string };
  data: Record<string, unknown>;
  metrics: Record<string, number>;
};

const fmt = (v: number | null, unit?: string): string => (v === null ? '—' : formatQuantity(v, unit));
const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

function controlRows(controls: ServerControl[]): string[] {
  const rows = [
    '| Control | Before | During (min – max) | After | Result | Limit |',
    '|---|---:|---:|---:|---:|---|',
  ];
  for (const c of controls) {
    const at = (phase: string): Array<number> =>
      c.points.filter((p) => p.phase === phase && p.value !== null).map((p) => p.value!);
    const during = at('during');
    const range = during.length
      ? `${fmt(Math.min(...during), c.unit)} – ${fmt(Math.max(...during), c.unit)}`
      : '—';
    rows.push(
      `| ${cell(c.name)} | ${fmt(at('before')[0] ?? null, c.unit)} | ${range} | ${fmt(at('after')[0] ?? null, c.unit)} | ${c.ok ? '✅' : '❌'} ${fmt(c.actual, c.unit)} | ${cell(`${c.op} ${fmt(c.limit, c.unit)}`)} |`,
    );
  }
  return rows;
}

/** Every point of a failing control: the series that shows why it failed. */
function seriesTable(c: ServerControl): string[] {
  const shown = c.points.slice(0, MAX_ROWS);
  const rows = [
    `**❌ ${cell(c.name)}** (${cell(c.detail)}):`,
    '',
    '| # | Phase | At | Value |',
    '|---:|---|---:|---:|',
  ];
  shown.forEach((p, i) =>
    rows.push(`| ${i + 1} | ${p.phase} | ${seconds(p.atMs)} | ${fmt(p.value, c.unit)} |`),
  );
  if (c.points.length > shown.length)
    rows.push('', `${c.points.length - shown.length} more samples in the evidence data.`);
  return rows;
}

function describe(cfg: ServerMetricsConfig, s: ServerSampling, controls: ServerControl[]): string {
  const n = (phase: string): number => s.samples.filter((x) => x.phase === phase).length;
  const ok = s.samples.filter((x) => !x.error);
  const failed = s.samples.filter((x) => x.error);
  const kb = ok.length ? ok.reduce((a, x) => a + (x.bytes ?? 0), 0) / ok.length / 1024 : 0;
  const avgMs = s.samples.reduce((a, x) => a + x.ms, 0) / Math.max(1, s.samples.length);
  const out = [
    `Scraped ${cell(cfg.url)} ${s.samples.length} times: ${n('before')} before, ${n('during')} during and ${n('after')} after the run; ${failed.length} failed.` +
      (ok.length
        ? ` ${Math.round(kb * 10) / 10} KB and ${Math.round(avgMs)} ms per scrape (${s.scrapeMs} ms of scraping during the run).`
        : ''),
  ];
  if (controls.length) out.push('', ...controlRows(controls));
  for (const c of controls.filter((x) => !x.ok)) out.push('', ...seriesTable(c));
  if (failed.length) {
    out.push('', '| At | Phase | Scrape failed |', '|---:|---|---|');
    for (const f of failed.slice(0, 10)) out.push(`| ${seconds(f.atMs)} | ${f.phase} | ${cell(f.error)} |`);
    if (failed.length > 10) out.push('', `${failed.length - 10} more failed scrapes in the evidence data.`);
  }
  const withRejected = s.samples.filter((x) => x.rejected);
  if (withRejected.length) {
    const examples = (withRejected[0]!.rejectedExamples ?? []).map((l) =>
      untrustedText(l, { maxBytes: 120 }),
    );
    out.push(
      '',
      `${withRejected.length} scrapes had lines that are not exposition text (up to ${Math.max(...withRejected.map((x) => x.rejected!))} per scrape), ignored. The first: ${examples.join(' ⏐ ')}`,
    );
  }
  return out.join('\n');
}

function findingsOf(cfg: ServerMetricsConfig, s: ServerSampling): Finding[] {
  const out: Finding[] = [];
  const failed = s.samples.filter((x) => x.error);
  if (failed.length) {
    const reasons = [...new Set(failed.map((f) => f.error!))].slice(0, 3).join('; ');
    out.push({
      fingerprint: fingerprintOf('load', 'server-metrics', 'scrape'),
      severity: 'low',
      title: 'server metrics scrape failed',
      detail: `${failed.length} of ${s.samples.length} scrapes of ${cfg.url} failed (the other samples are kept): ${reasons}`,
      location: cfg.url,
      count: failed.length,
    });
  }
  const rejected = Math.max(0, ...s.samples.map((x) => x.rejected ?? 0));
  if (rejected)
    out.push({
      fingerprint: fingerprintOf('load', 'server-metrics', 'invalid-lines'),
      severity: 'info',
      title: 'server metrics lines not in the exposition format',
      detail: `up to ${rejected} lines per scrape of ${cfg.url} were not Prometheus exposition text and were ignored`,
      location: cfg.url,
      count: rejected,
    });
  return out;
}

/** The evidence parts of a sampled run. */
export function serverMetricsEvidence(cfg: ServerMetricsConfig, sampling: ServerSampling): Parts {
  const controls = evaluateServerControls(cfg, sampling.samples);
  return {
    thresholds: serverThresholds(controls),
    findings: findingsOf(cfg, sampling),
    section: { title: 'Server metrics', markdown: describe(cfg, sampling, controls) },
    data: {
      url: cfg.url,
      intervalMs: durationMs(cfg.interval),
      samples: sampling.samples,
      scrapeMsDuringRun: sampling.scrapeMs,
      controls,
    },
    metrics: {
      'server.scrapes': sampling.samples.length,
      'server.scrapes_failed': sampling.samples.filter((x) => x.error).length,
    },
  };
}

/** Configured controls of a run that generated no load (a file read, a merge): skipped, never passed. */
export function serverThresholdsSkipped(cfg: ServerMetricsConfig, reason: string): Threshold[] {
  return serverThresholds(evaluateServerControls(cfg, [])).map((t) => ({
    ...t,
    ok: true,
    skipped: reason,
  }));
}
