import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { builtInDrill, loadDrill } from '../core/drill/drill-definition.js';
import { alreadySigned, decideSignoff, type SignoffDecision } from '../core/drill/signoff.js';
import { ConfigError } from '../core/errors.js';
import type { EvidenceStore } from '../core/store/evidence-store.js';
import { FsEvidenceStore } from '../core/store/fs-evidence-store.js';
import { loadOptionalConfig } from './optional-config.js';

/** The drill log in the evidence store: one JSON record per sign-off (and per drill run). */
export const DRILL_LOG = 'drill';

export interface SignoffSettings {
  configFile: string;
  drillFile: string;
  approvers: string[];
  eventName: string;
  eventPath: string;
  /** Wraps the configured local store (the runner reads and writes the evidence branch). */
  storeFor?: (local: EvidenceStore) => EvidenceStore | Promise<EvidenceStore>;
}

export interface SignoffResult {
  decision: SignoffDecision;
  /** False when the same approver had already signed this drill off (re-delivered event). */
  appended: boolean;
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Decide on one issue/comment event and append a valid sign-off to the drill log. The store
 * defaults to the one opsgate.yml configures; tests and the GitHub store pass their own.
 */
export async function runSignoff(settings: SignoffSettings, store?: EvidenceStore): Promise<SignoffResult> {
  if (!settings.eventPath || !existsSync(settings.eventPath))
    throw new ConfigError(`no event payload at ${JSON.stringify(settings.eventPath)} (GITHUB_EVENT_PATH)`);
  const payload = JSON.parse(await readFile(settings.eventPath, 'utf8'));
  const drill = existsSync(settings.drillFile) ? await loadDrill(settings.drillFile) : builtInDrill();
  const approvers = [...drill['sign-off'].approvers, ...settings.approvers];
  const decision = decideSignoff(settings.eventName, payload, approvers);
  let appended = false;
  if (decision.recorded) {
    const local = await configuredStore(settings.configFile);
    const log = store ?? (await settings.storeFor?.(local)) ?? local;
    if (!alreadySigned(await log.readRecords(DRILL_LOG), decision.record)) {
      await log.appendRecord(DRILL_LOG, { ...decision.record });
      appended = true;
    }
  }
  const outputs: Record<string, string> = decision.recorded
    ? { 'signed-off': 'true', approver: decision.record.approver, drill: decision.record.drill, reason: '' }
    : {
        'signed-off': 'false',
        approver: decision.approver ?? '',
        drill: decision.drill ?? '',
        reason: decision.reason,
      };
  const summary = decision.recorded
    ? `## opsgate signoff — ✅ Drill ${decision.record.drill} signed off by @${decision.record.approver} (${decision.record.via})${appended ? '' : ' — already recorded'}\n`
    : `## opsgate signoff — nothing recorded\n\n${decision.reason}\n`;
  return { decision, appended, outputs, summary };
}

/**
 * The drill log's local store. Not subject to the history rule for checks: issue and comment
 * events run the default branch's workflow on the default branch's checkout, never a PR's files.
 */
async function configuredStore(configFile: string): Promise<EvidenceStore> {
  const config = await loadOptionalConfig(configFile);
  return new FsEvidenceStore(path.resolve(path.dirname(path.resolve(configFile)), config?.store.dir ?? '.opsgate/store'));
}
