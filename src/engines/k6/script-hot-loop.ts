/**
 * The generated script's per-iteration code (k6 JavaScript, spliced into the script after
 * setup()). Load rate is bounded by what k6 does per request, and every sample a script emits
 * beyond the request's own is a channel send, a tag-set lookup and a sub-metric match. So a
 * request that got its expected answer emits nothing but k6's built-in HTTP samples: attempts are
 * `http_reqs`, failures `http_req_failed` (judged by the endpoint's expected statuses through a
 * response callback), both per endpoint through the endpoint tags. Only a failure adds a check,
 * whose name carries the reason. URLs, params and tags are built once per VU.
 */
export const HOT_LOOP = `const request = http.request;
const WEIGHTS = [];
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
 * The endpoint's tags are VU tags, set when the endpoint changes, so the request and a failure's
 * check carry them without a tags object being converted for each request.
 */
const SLOTS = PLAN.endpoints.map((e) => ({
  e,
  url: url(e.path),
  body: e.body || null,
  tags: Object.assign({}, e.tags, { endpoint: e.name, kind: 'endpoint', name: e.method + ' ' + e.path }),
  expected: http.expectedStatuses(...e.expect),
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
    slot.params = { timeout: PLAN.timeout, responseCallback: slot.expected };
    if (Object.keys(headers).length) slot.params.headers = headers;
  }
  return slot.params;
}

/** A failure by reason: a failed check named \`<endpoint> <reason>\`, counted per endpoint in the summary. */
function failure(slot, reason) {
  check(null, { [slot.e.name + ' ' + reason]: false });
}

export default function (data) {
  const slot = pickEndpoint();
  useTags(slot);
  const e = slot.e;
  const s = data.sessions[e.identity] || { failed: 'unknown identity ' + e.identity };
  if (s.failed) {
    // Not sent, still an attempt that failed.
    unsent.add(1);
    failure(slot, s.failed);
    sleep(0.5); // nothing is sent without a session; do not spin
    return;
  }
  const res = request(e.method, slot.url, slot.body, paramsOf(slot, s));
  if (e.expect.indexOf(res.status) < 0) failure(slot, reasonOf(res));
  if (PLAN.thinkTime > 0) sleep(PLAN.thinkTime);
}

`;
