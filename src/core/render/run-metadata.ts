import type { Evidence } from '../evidence/model.js';
import { untrustedText } from './untrusted-text.js';

/**
 * The report's "which run is this" line: run link, commit and time, from what the evidence
 * recorded when it was made (Evidence.run and Evidence.provenance), never from the environment of
 * the process rendering it. Evidence may come from another run's artifact, so a link is built only
 * from parts of a fixed shape; anything else is shown as inert text.
 */
const REPO = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;
const SERVER = /^https:\/\/[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/;
const RUN_ID = /^\d{1,20}$/;
const SHA = /^[0-9a-f]{7,64}$/i;
/** Distinct runs or commits named before "… and N more" (a gate may combine several jobs). */
const MAX_NAMED = 5;

export function runMetadataLine(evidence: readonly Evidence[]): string | undefined {
  if (!evidence.length) return undefined;
  const runs = distinct(evidence.map(runPart));
  const commits = distinct(evidence.map(commitPart).filter((c): c is string => Boolean(c)));
  const parts = [
    `Run: ${named(runs)}`,
    commits.length ? `${commits.length === 1 ? 'commit' : 'commits'} ${named(commits)}` : 'commit unknown',
  ];
  const time = timeSpan(evidence);
  if (time) parts.push(time);
  return parts.join(' · ');
}

function runPart(e: Evidence): string {
  const p = e.provenance ?? {};
  if (!p.runId) return 'local run';
  const server = (p.serverUrl ?? 'https://github.com').replace(/\/+$/, '');
  if (p.repository && REPO.test(p.repository) && RUN_ID.test(p.runId) && SERVER.test(server)) {
    const attempt = p.runAttempt && /^\d{1,5}$/.test(p.runAttempt) && p.runAttempt !== '1';
    const url = `${server}/${p.repository}/actions/runs/${p.runId}${attempt ? `/attempts/${p.runAttempt}` : ''}`;
    return `[${p.repository} run ${p.runId}${attempt ? ` attempt ${p.runAttempt}` : ''}](${url})`;
  }
  return `run ${untrustedText(p.runId, { maxBytes: 40 })}`;
}

function commitPart(e: Evidence): string | undefined {
  const sha = e.run.commit ?? e.provenance?.sha;
  if (!sha) return undefined;
  if (!SHA.test(sha)) return untrustedText(sha, { maxBytes: 64 });
  const p = e.provenance ?? {};
  const server = (p.serverUrl ?? 'https://github.com').replace(/\/+$/, '');
  const short = `\`${sha.slice(0, 7)}\``;
  return p.repository && REPO.test(p.repository) && SERVER.test(server)
    ? `[${short}](${server}/${p.repository}/commit/${sha})`
    : short;
}

/** `2026-12-02 18:47 UTC` for one instant, `… 18:47–18:52 UTC` for a span (earliest start to last end). */
function timeSpan(evidence: readonly Evidence[]): string | undefined {
  const starts = evidence.map((e) => Date.parse(e.run.startedAt)).filter(Number.isFinite);
  const ends = evidence.map((e) => Date.parse(e.run.finishedAt)).filter(Number.isFinite);
  if (!starts.length) return undefined;
  const from = utc(Math.min(...starts));
  const to = ends.length ? utc(Math.max(...ends)) : from;
  if (to === from) return `${from} UTC`;
  return to.slice(0, 10) === from.slice(0, 10) ? `${from}–${to.slice(11)} UTC` : `${from} – ${to} UTC`;
}

function utc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

function distinct(items: string[]): string[] {
  return [...new Set(items)];
}

function named(items: string[]): string {
  const shown = items.slice(0, MAX_NAMED).join(', ');
  return items.length > MAX_NAMED ? `${shown}, … and ${items.length - MAX_NAMED} more` : shown;
}
