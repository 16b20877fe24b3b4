/**
 * The generated script's per-iteration code (k6 JavaScript, spliced into the script after
 * setup()). Load rate is bounded by what k6 does per request, so nothing here is built per
 * request: URLs, params, tags and check objects are made once per VU.
 */
export const HOT_LOOP = `const WEIGHTS = [];
let totalWeight = 0;
for (const e of PLAN.endpoints) {
  totalWeight += e.weight;
  WEIGHTS.push(totalWeight);
}

function pickEndpoint() {
  if (SLOTS.length === 1) return SLOTS[0];
  const r = Math.random() * totalWeight;
  for (let i = 0; i < WEIGHTS.length; i++) if (r < WEIGHTS[i]) return SLOTS[i];
  return SLOTS[SLOTS.length - 1];
}

/**
 * The hot loop does no per-request building: URLs, params, tags and check objects are made once
 * per VU, and the endpoint's tags are VU tags (set when the endpoint changes), so the request, the
 * opsgate metrics and the check all carry them without a tags object being converted for each.
 */
const SLOTS = PLAN.endpoints.map((e) => ({
  e,
  url: url(e.path),
  body: e.body || null,
  tags: Object.assign({}, e.tags, { endpoint: e.name, kind: 'endpoint', name: e.method + ' ' + e.path }),
  ok: { [e.name + ' ok']: true },
  params: undefined,
}));
let current;

function useTags(slot) {
  if (current === slot) return;
  const vuTags = exec.vu.metrics.tags;
  if (current) for (const k of Object.keys(current.tags)) if (!(k in slot.tags)) delete vuTags[k];
  for (const k of Object.keys(slot.tags)) vuTags[k] = slot.tags[k];
  current = slot;
}

function paramsOf(slot, s) {
  if (!slot.params) {
    const e = slot.e;
    const headers = Object.assign({}, s.headers, e.body ? { 'Content-Type': 'application/json' } : {}, e.headers);
    slot.params = Object.keys(headers).length ? { headers, timeout: PLAN.timeout } : { timeout: PLAN.timeout };
  }
  return slot.params;
}

function record(slot, ok, reason) {
  attempts.add(1);
  errors.add(!ok);
  // The check name carries the reason, so the summary counts failures by reason per endpoint.
  check(null, ok ? slot.ok : { [slot.e.name + ' ' + reason]: false });
}

export default function (data) {
  const slot = pickEndpoint();
  useTags(slot);
  const e = slot.e;
  const s = data.sessions[e.identity] || { failed: 'unknown identity ' + e.identity };
  if (s.failed) {
    record(slot, false, s.failed);
    sleep(0.5); // nothing is sent without a session; do not spin
    return;
  }
  const res = http.request(e.method, slot.url, slot.body, paramsOf(slot, s));
  const ok = e.expect.indexOf(res.status) >= 0;
  record(slot, ok, ok ? '' : reasonOf(res));
  if (PLAN.thinkTime > 0) sleep(PLAN.thinkTime);
}

`;
