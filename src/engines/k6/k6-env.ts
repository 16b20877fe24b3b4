/**
 * The k6 child's environment. k6 lets K6_* variables override a script's options (K6_VUS,
 * K6_DURATION, K6_ITERATIONS, K6_STAGES, K6_MAX_REDIRECTS, K6_HTTP_DEBUG, K6_OUT,
 * K6_NEW_MACHINE_READABLE_SUMMARY, …), so a stray variable on a runner would replace the planned
 * load, follow redirects or print credentials while the evidence still shows the plan. opsgate's
 * plan is the whole plan: every K6_* variable is removed and its name recorded, as is
 * OPSGATE_BASE_URL (the generated script's manual re-run override, which would move the target).
 */
const KEEP = new Set(['K6_NO_USAGE_REPORT']);
const RUN_OVERRIDES = ['OPSGATE_BASE_URL', 'OPSGATE_SUMMARY'];

export interface K6ChildEnv {
  env: NodeJS.ProcessEnv;
  /** Names (never values) of the variables removed, sorted. */
  removed: string[];
}

export function k6ChildEnv(parent: NodeJS.ProcessEnv, own: Record<string, string>): K6ChildEnv {
  const env: NodeJS.ProcessEnv = {};
  const removed: string[] = [];
  for (const [k, v] of Object.entries(parent)) {
    if ((/^K6_/i.test(k) && !KEEP.has(k)) || RUN_OVERRIDES.includes(k)) removed.push(k);
    else env[k] = v;
  }
  return { env: { ...env, ...own }, removed: removed.sort() };
}
