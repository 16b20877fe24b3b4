/**
 * The generated script's per-iteration code (k6 JavaScript, spliced into the script after
 * setup()). Load rate is bounded by what k6 does per request, and every sample a script emits
 * beyond the request's own is a channel send, a tag-set lookup and a sub-metric match. So a
 * request that got its expected answer emits nothing but k6's built-in HTTP samples: attempts are
 * `http_reqs`, failures `http_req_failed` (judged by the endpoint's expected statuses through a
 * response callback), both per endpoint through the endpoint tags. Only a failure adds a check,
 * whose name carries the reason. URLs, params and tags are built once per VU, and the expected
 * statuses are the VU's response callback (set when the endpoint changes), so a request's params
 * hold only what k6 must read per request: headers, and a timeout other than k6's 60 s default.
 * The session from setup() is read once per VU and endpoint (see prepare()).
 */
export const HOT_LOOP = `const request = http.request;
const K6_DEFAULT_TIMEOUT_MS = 60000;
const THINK_TIME = PLAN.thinkTime;
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
/** One response callback per distinct set of expected statuses, so switching endpoints can compare them. */
const CALLBACKS = {};
function expectedStatuses(statuses) {
  const key = statuses.join(',');
  return CALLBACKS[key] || (CALLBACKS[key] = http.expectedStatuses(...statuses));
}

const SLOTS = PLAN.endpoints.map((e) => ({
  e,
  url: url(e.path),
  body: e.body || null,
  tags: Object.assign({}, e.tags, { endpoint: e.name, kind: 'endpoint', name: e.method + ' ' + e.path }),
  method: e.method,
  plainGet: e.method === 'GET' && !e.body,
  expect: e.expect,
  expected: expectedStatuses(e.expect),
  ready: false,
  failed: '',
  params: null,
}));
let current;

/** Make \`slot\` the VU's endpoint: its tags and its expected statuses apply to what follows. */
function useSlot(slot) {
  if (current === slot) return;
  const vuTags = exec.vu.metrics.tags;
  if (current) for (const k of Object.keys(current.tags)) if (!(k in slot.tags)) delete vuTags[k];
  for (const k of Object.keys(slot.tags)) vuTags[k] = slot.tags[k];
  if (!current || current.expected !== slot.expected) http.setResponseCallback(slot.expected);
  current = slot;
}

/**
 * Read the slot's session once per VU. setup()'s data reaches each VU as Go-backed objects, and
 * every property read on them converts values again: reading it per request costs more than the
 * rest of the iteration. After this, the hot path touches plain script values only.
 */
function prepare(slot, data) {
  const e = slot.e;
  const s = data.sessions[e.identity];
  slot.failed = !s ? 'unknown identity ' + e.identity : s.failed ? String(s.failed) : '';
  if (!slot.failed) {
    const headers = Object.assign({}, s.headers, e.body ? { 'Content-Type': 'application/json' } : {}, e.headers);
    // Only what k6 must read per request: headers, and a timeout other than k6's own default.
    const params = {};
    if (PLAN.timeoutMs !== K6_DEFAULT_TIMEOUT_MS) params.timeout = PLAN.timeoutMs;
    if (Object.keys(headers).length) params.headers = headers;
    slot.params = Object.keys(params).length ? params : null;
  }
  slot.ready = true;
}

/** A failure by reason: a failed check named \`<endpoint> <reason>\`, counted per endpoint in the summary. */
function failure(slot, reason) {
  check(null, { [slot.e.name + ' ' + reason]: false });
}

export default function (data) {
  const slot = pickEndpoint();
  if (!slot.ready) prepare(slot, data);
  useSlot(slot);
  if (slot.failed) {
    // Not sent, still an attempt that failed.
    unsent.add(1);
    failure(slot, slot.failed);
    sleep(0.5); // nothing is sent without a session; do not spin
    return;
  }
  // A plain GET as http.get, the call k6 scripts are usually measured with.
  const res = slot.plainGet ? http.get(slot.url, slot.params) : request(slot.method, slot.url, slot.body, slot.params);
  if (slot.expect.indexOf(res.status) < 0) failure(slot, reasonOf(res));
  if (THINK_TIME > 0) sleep(THINK_TIME);
}

`;
