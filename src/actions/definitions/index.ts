import {
  abuseAction,
  dastAction,
  dbAction,
  headersAction,
  loadAction,
  rbacAction,
  restoreDrillAction,
} from './checks.js';
import { gateAction } from './gate.js';
import { signoffAction } from './signoff.js';
import type { ActionDefinition } from './types.js';

export type { ActionDefinition, ActionInput, ActionOutput, OutputSource } from './types.js';

/** Every action opsgate ships, by directory name under `actions/`. */
export const actionDefinitions: Record<string, ActionDefinition> = {
  load: loadAction,
  headers: headersAction,
  dast: dastAction,
  rbac: rbacAction,
  abuse: abuseAction,
  'restore-drill': restoreDrillAction,
  db: dbAction,
  gate: gateAction,
  signoff: signoffAction,
};

export function actionDefinition(name: string): ActionDefinition {
  const def = actionDefinitions[name];
  if (!def) throw new Error(`unknown action ${name}`);
  return def;
}
