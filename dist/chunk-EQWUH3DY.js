import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  judgeRegression
} from "./chunk-LHW527M6.js";
import {
  describeConnection,
  esm_default,
  quoteIdent
} from "./chunk-QRYG3CMW.js";
import {
  controlsOf,
  policyFor,
  verdictOf
} from "./chunk-DDRZDHRK.js";
import {
  cell
} from "./chunk-MT7WXE72.js";
import {
  fingerprintOf
} from "./chunk-3ZMT66VX.js";
import {
  startEvidence
} from "./chunk-NHLNGWDM.js";
import {
  ConfigError
} from "./chunk-OSGOEP7K.js";
import {
  durationMs,
  registerSecret
} from "./chunk-MLKP6OQN.js";

// src/engines/postgres/read-only-session.ts
var OPSGATE_SQL_MARK = "/* opsgate-db */";
function registerPassword(url) {
  try {
    registerSecret(decodeURIComponent(new URL(url).password));
  } catch {
  }
}
async function openReadOnlySession(url, opts) {
  registerPassword(url);
  const client = new esm_default.Client({
    connectionString: url,
    application_name: opts.applicationName ?? "opsgate-db",
    connectionTimeoutMillis: 15e3
  });
  client.on("error", () => void 0);
  await client.connect();
  try {
    const timeout = Math.max(1, Math.round(opts.statementTimeoutMs));
    await client.query(`${OPSGATE_SQL_MARK} SET default_transaction_read_only = on`);
    await client.query(`${OPSGATE_SQL_MARK} SET statement_timeout = ${timeout}`);
    const { rows } = await client.query(
      `${OPSGATE_SQL_MARK} SELECT current_setting('transaction_read_only') AS ro, current_user AS role`
    );
    if (rows[0]?.ro !== "on") throw new Error("the session did not become read-only");
    const session = {
      where: describeConnection(url),
      role: rows[0].role,
      async query(sql, params = []) {
        const config = { text: sql, values: params, queryMode: "extended" };
        const res = await client.query(config);
        return res.rows;
      },
      async readOnlyTransaction(fn) {
        await client.query(`${OPSGATE_SQL_MARK} BEGIN READ ONLY`);
        try {
          return await fn();
        } finally {
          await client.query(`${OPSGATE_SQL_MARK} ROLLBACK`).catch(() => void 0);
        }
      },
      close: () => client.end().catch(() => void 0)
    };
    return session;
  } catch (err) {
    await client.end().catch(() => void 0);
    throw err;
  }
}
function sqlState(err) {
  const code = err?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : void 0;
}

// src/checks/db/plan-tree.ts
var num = (v) => typeof v === "number" && Number.isFinite(v) ? v : 0;
var str = (v) => typeof v === "string" && v ? v : void 0;
function nodeLabel(type, relation, index) {
  return `${type}${index ? ` using ${index}` : ""}${relation ? ` on ${relation}` : ""}`;
}
function readExplain(json) {
  const top = Array.isArray(json) ? json[0] : json;
  const root = top?.Plan;
  if (!root || typeof root !== "object") throw new Error("EXPLAIN returned no plan");
  return {
    plan: summarisePlan(root),
    executionMs: num(top?.["Execution Time"]),
    planningMs: num(top?.["Planning Time"])
  };
}
function summarisePlan(root) {
  const nodes = [];
  const stack = [[root, 0]];
  while (stack.length && nodes.length < 1e4) {
    const [n, depth] = stack.pop();
    const type = str(n["Node Type"]) ?? "Unknown";
    const relation = str(n["Relation Name"]);
    const index = str(n["Index Name"]);
    const loops = Math.max(1, num(n["Actual Loops"]));
    nodes.push({
      label: nodeLabel(type, relation, index),
      type,
      ...relation ? { relation } : {},
      ...index ? { index } : {},
      estimatedRows: num(n["Plan Rows"]),
      actualRows: num(n["Actual Rows"]) * loops,
      loops,
      depth
    });
    const children = Array.isArray(n.Plans) ? n.Plans : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], depth + 1]);
  }
  return {
    nodes,
    nodeTypes: [...new Set(nodes.map((n) => n.type))],
    indexes: [...new Set(nodes.flatMap((n) => n.index ? [n.index] : []))],
    totalCost: num(root["Total Cost"]),
    estimatedRows: num(root["Plan Rows"]),
    actualRows: num(root["Actual Rows"]) * Math.max(1, num(root["Actual Loops"])),
    sharedHitBlocks: num(root["Shared Hit Blocks"]),
    sharedReadBlocks: num(root["Shared Read Blocks"])
  };
}
function nodesMatching(plan, rule) {
  const m = /^(.+?)\s+on\s+(.+)$/i.exec(rule.trim());
  const type = (m ? m[1] : rule).trim().toLowerCase();
  const relation = m?.[2].trim().toLowerCase().split(".").pop();
  return plan.nodes.filter(
    (n) => n.type.toLowerCase() === type && (!relation || n.relation?.toLowerCase() === relation)
  );
}
function planOutline(plan) {
  const labels = plan.nodes.slice(0, 12).map((n) => n.label);
  return labels.join(" → ") + (plan.nodes.length > 12 ? ` → … (${plan.nodes.length} nodes)` : "");
}

// src/checks/db/db-report.ts
function statementRows(list) {
  return list.map(
    (s) => `| ${cell(s.query.replace(/\s+/g, " ").slice(0, 160))} | ${s.calls} | ${s.totalMs} | ${s.meanMs} | ${s.maxMs} | ${s.rows} | ${s.hitRatio === null ? "—" : `${Math.round(s.hitRatio * 1e3) / 10}%`} |`
  );
}
var HEAD = [
  "| Statement | Calls | Total ms | Mean ms | Max ms | Rows | Hit ratio |",
  "|---|---:|---:|---:|---:|---:|---:|"
];
function topQueriesSection(top) {
  if (!top.available)
    return { title: "Top queries", markdown: `pg_stat_statements unavailable: ${cell(top.reason)}.` };
  const md = [
    "**By total time**",
    "",
    ...HEAD,
    ...statementRows(top.byTotal),
    "",
    "**By mean time**",
    "",
    ...HEAD,
    ...statementRows(top.byMean)
  ];
  if (!top.byTotal.length) md.push("", "No statements recorded yet for this database.");
  return { title: "Top queries", markdown: md.join("\n") };
}
function guardsSection(results) {
  const md = [
    "| Guard | p50 ms | p95 ms | Runs | Rows est → actual | Indexes | Plan |",
    "|---|---:|---:|---:|---|---|---|"
  ];
  for (const r of results) {
    if (!r.ok) {
      md.push(`| ${cell(r.name)} | — | — | 0 | — | — | did not run: ${cell(r.message)} |`);
      continue;
    }
    md.push(
      `| ${cell(r.name)} | ${r.p50Ms} | ${r.p95Ms} | ${r.runs} | ${r.plan.estimatedRows} → ${r.plan.actualRows} | ${cell(r.plan.indexes.join(", ") || "none")} | ${cell(planOutline(r.plan))} |`
    );
  }
  return { title: "Query guards", markdown: md.join("\n") };
}
function healthSection(h) {
  const ratio = h.cacheHitRatio === null ? "—" : `${Math.round(h.cacheHitRatio * 1e3) / 10}%`;
  const md = [
    `Cache hit ratio ${ratio}; connections ${h.connections.database} to this database, ${h.connections.server} on the server of max_connections ${h.connections.maxConnections}.`
  ];
  const list = (title, rows) => {
    if (rows.length) md.push("", `**${title}**`, "", ...rows.map((r) => `- ${r}`));
  };
  list(
    "Invalid indexes",
    h.invalidIndexes.map((i) => `${cell(i.index)} on ${cell(i.table)}`)
  );
  list(
    "Unused indexes (no scans since the statistics reset)",
    h.unusedIndexes.map((i) => `${cell(i.index)} on ${cell(i.table)}, ${Math.round(i.bytes / 1024)} KiB`)
  );
  list(
    "Tables read by large sequential scans",
    h.seqScanTables.map(
      (t) => `${cell(t.table)}: ${t.seqScans} scans × ${t.rowsPerScan} rows, ${t.indexScans} index scans`
    )
  );
  list(
    "Dead tuples",
    h.deadTuples.map((t) => `${cell(t.table)}: ${t.dead} dead, ${t.live} live`)
  );
  return { title: "Index and table health", markdown: md.join("\n") };
}

// src/checks/db/db-finding.ts
function dbFinding(f) {
  return {
    fingerprint: fingerprintOf("db", f.rule, f.where),
    severity: f.severity,
    title: f.title,
    detail: f.detail,
    location: f.where,
    ruleId: f.rule,
    ...f.solution ? { solution: f.solution } : {}
  };
}
function grantTo(what, role) {
  return `GRANT ${what} TO ${quoteIdent(role)};`;
}

// src/checks/db/privileges.ts
async function readRolePrivileges(session) {
  const [row] = await session.query(
    `${OPSGATE_SQL_MARK} SELECT r.rolsuper AS superuser,
            pg_has_role(current_user, 'pg_read_all_stats', 'USAGE') AS stats,
            EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relkind IN ('r', 'p')
                       AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                       AND has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')) AS write
       FROM pg_roles r WHERE r.rolname = current_user`
  );
  return {
    role: session.role,
    superuser: row?.superuser ?? false,
    readAllStats: Boolean(row?.superuser || row?.stats),
    canWrite: Boolean(row?.superuser || row?.write)
  };
}
function privilegeFindings(p, where) {
  const out = [];
  if (!p.readAllStats)
    out.push(
      dbFinding({
        rule: "db-missing-pg-read-all-stats",
        where: `${where} role ${p.role}`,
        severity: "low",
        title: `role ${p.role} lacks pg_read_all_stats: other roles' statements are hidden`,
        detail: "Without pg_read_all_stats, pg_stat_statements shows other roles’ query text as <insufficient privilege> and the statistics views are partial.",
        solution: grantTo("pg_read_all_stats", p.role)
      })
    );
  if (p.canWrite)
    out.push(
      dbFinding({
        rule: "db-role-can-write",
        where: `${where} role ${p.role}`,
        severity: "info",
        title: `role ${p.role} could write outside opsgate's read-only sessions`,
        detail: p.superuser ? "The check runs as a superuser. Its sessions are read-only, but a dedicated read-only role limits what a leaked credential can do." : "The role holds INSERT/UPDATE/DELETE/TRUNCATE on some tables. The check’s sessions are read-only, but a dedicated read-only role limits what a leaked credential can do.",
        solution: `CREATE ROLE opsgate_ro LOGIN PASSWORD '…'; ${grantTo("pg_read_all_stats", "opsgate_ro")} GRANT SELECT ON ALL TABLES IN SCHEMA public TO "opsgate_ro";`
      })
    );
  return out;
}
function grantForDenied(message, role) {
  const m = /permission denied for (table|view|relation|schema|function|sequence) ("?[\w.$]+"?)/i.exec(
    message
  );
  if (!m) return void 0;
  const kind = m[1].toLowerCase();
  if (kind === "schema") return grantTo(`USAGE ON SCHEMA ${m[2]}`, role);
  if (kind === "function") return grantTo(`EXECUTE ON FUNCTION ${m[2]}`, role);
  return grantTo(`SELECT ON ${m[2]}`, role);
}

// src/checks/db/guard-rules.ts
var SCAN_WITH_INDEX = /* @__PURE__ */ new Set(["Index Scan", "Index Only Scan", "Bitmap Index Scan"]);
function guardThresholds(guard, run) {
  const out = [];
  const outline = `plan: ${planOutline(run.plan)}`;
  if (guard["max-p95-ms"] !== void 0)
    out.push({
      name: `guard ${guard.name} p95`,
      limit: guard["max-p95-ms"],
      actual: run.p95Ms,
      ok: run.p95Ms <= guard["max-p95-ms"],
      unit: "ms",
      detail: `p50 ${run.p50Ms} ms over ${run.runs} runs; ${outline}`
    });
  for (const rule of guard.plan.forbid) {
    const hit = nodesMatching(run.plan, rule);
    out.push({
      name: `guard ${guard.name} plan has no ${rule}`,
      limit: "absent",
      actual: hit.length ? hit[0].label : "absent",
      ok: hit.length === 0,
      detail: hit.length ? `offending node: ${hit[0].label} (${hit[0].actualRows} rows actual, ${hit[0].estimatedRows} estimated); ${outline}` : outline
    });
  }
  for (const index of guard.plan["require-index"]) {
    const used = run.plan.nodes.some((n) => n.index === index && SCAN_WITH_INDEX.has(n.type));
    const instead = run.plan.nodes.find((n) => n.type === "Seq Scan") ?? run.plan.nodes.at(-1);
    out.push({
      name: `guard ${guard.name} uses index ${index}`,
      limit: "used",
      actual: used ? "used" : "not used",
      ok: used,
      detail: used ? outline : `offending node: ${instead?.label ?? "none"}; ${outline}`
    });
  }
  if (guard.plan["max-cost"] !== void 0)
    out.push({
      name: `guard ${guard.name} plan cost`,
      limit: guard.plan["max-cost"],
      actual: run.plan.totalCost,
      ok: run.plan.totalCost <= guard.plan["max-cost"],
      detail: `top node ${run.plan.nodes[0]?.label ?? "?"}; ${outline}`
    });
  return out;
}
function guardFailureFinding(f, where, role) {
  const base = { rule: "db-guard-error", where: `${where} guard ${f.name}` };
  if (f.sqlState === "25006")
    return dbFinding({
      ...base,
      rule: "db-guard-write-refused",
      severity: "high",
      title: `guard ${f.name} tried to write: refused by the read-only session`,
      detail: `${f.message}. Query guards run in a read-only transaction that is rolled back; nothing was written.`,
      solution: "Declare only SELECT statements as query guards."
    });
  if (f.sqlState === "42501") {
    const grant = grantForDenied(f.message, role);
    return dbFinding({
      ...base,
      rule: "db-guard-permission-denied",
      severity: "high",
      title: `guard ${f.name}: role ${role} lacks a privilege`,
      detail: f.message,
      ...grant ? { solution: grant } : {}
    });
  }
  if (f.sqlState === "57014")
    return dbFinding({
      ...base,
      severity: "high",
      title: `guard ${f.name} exceeded the statement timeout`,
      detail: f.message,
      solution: "Make the query faster, or raise db.statement-timeout if the limit is too tight."
    });
  return dbFinding({
    ...base,
    severity: "high",
    title: `guard ${f.name} could not run`,
    detail: `${f.sqlState ? `SQLSTATE ${f.sqlState}: ` : ""}${f.message}`,
    solution: "Declare one SELECT statement per guard, with one value in params for each $n."
  });
}

// src/checks/db/plan-baseline.ts
var INDEXED = /* @__PURE__ */ new Set(["Index Scan", "Index Only Scan", "Bitmap Heap Scan", "Bitmap Index Scan"]);
function guardsOf(e) {
  const g = e.data?.guards;
  return Array.isArray(g) ? g : [];
}
async function latestPassingDbRun(store) {
  const runs = await store.list("db", { limit: 20 });
  return runs.find(
    (s) => (s.evidence.verdict === "pass" || s.evidence.verdict === "warn") && !s.evidence.error && guardsOf(s.evidence).length > 0
  );
}
function compareGuardsWithBaseline(current, baseline, cfg, where) {
  const before = new Map(guardsOf(baseline).map((g) => [g.name, g]));
  const comparisons = [];
  const findings = [];
  for (const now of current) {
    const then = before.get(now.name);
    if (!then?.ok || !now.ok || then.sql !== now.sql) continue;
    if (then.p95Ms !== void 0 && now.p95Ms !== void 0) {
      const spread = Math.max(0, then.p95Ms - (then.p50Ms ?? then.p95Ms));
      const floor = cfg.regression["noise-floor-ms"] + spread;
      const v = judgeRegression([then.p95Ms], now.p95Ms, {
        limit: cfg.regression.limit,
        noiseFloor: floor,
        minRuns: 1
      });
      comparisons.push({
        metric: `p95 guard ${now.name}`,
        baseline: v.baseline,
        actual: v.actual,
        change: Number.isFinite(v.change) ? Math.round(v.change * 1e4) / 1e4 : 999,
        limit: cfg.regression.limit,
        regressed: v.regressed,
        note: v.note || `noise floor ${Math.round(floor * 100) / 100} ms (floor + baseline spread)`
      });
    }
    findings.push(...lostIndexScans(now, then, where));
  }
  return { comparisons, findings };
}
function lostIndexScans(now, then, where) {
  const out = [];
  const byRelation = (nodes = []) => {
    const m = /* @__PURE__ */ new Map();
    for (const n of nodes) {
      if (!n.relation) continue;
      const e = m.get(n.relation) ?? {};
      if (INDEXED.has(n.type)) e.indexed ??= n.label;
      if (n.type === "Seq Scan") e.seq ??= n.label;
      m.set(n.relation, e);
    }
    return m;
  };
  const nowRel = byRelation(now.nodes);
  for (const [relation, was] of byRelation(then.nodes)) {
    const is = nowRel.get(relation);
    if (!was.indexed || was.seq || !is?.seq || is.indexed) continue;
    out.push(
      dbFinding({
        rule: "db-plan-change",
        where: `${where} guard ${now.name} ${relation}`,
        severity: "high",
        title: `guard ${now.name}: plan changed from ${was.indexed} to ${is.seq}`,
        detail: `The baseline read ${relation} through an index (${was.indexed}); this run scans it sequentially (${is.seq}). A dropped or invalid index, or changed statistics, is the usual cause.`,
        solution: `Check the indexes on ${relation} (\\d ${relation}): recreate the missing one, or ANALYZE ${relation} if the statistics are stale.`
      })
    );
  }
  return out;
}

// src/checks/db/query-guard.ts
var round = (n) => Math.round(n * 1e3) / 1e3;
function samplePercentile(sorted, p) {
  if (!sorted.length) return 0;
  const rank = p / 100 * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}
async function runQueryGuard(session, guard, signal) {
  const text = `${OPSGATE_SQL_MARK} EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${guard.sql}`;
  try {
    return await session.readOnlyTransaction(async () => {
      const times = [];
      let planning = 0;
      let last;
      for (let i = 0; i < guard.runs && !signal.aborted; i++) {
        const rows = await session.query(text, guard.params);
        const explain = readExplain(rows[0]?.["QUERY PLAN"]);
        times.push(explain.executionMs);
        planning += explain.planningMs;
        last = explain.plan;
      }
      if (!last) throw new Error("aborted before the first run");
      const sorted = [...times].sort((a, b) => a - b);
      return {
        ok: true,
        name: guard.name,
        runs: times.length,
        executionMs: times.map(round),
        p50Ms: round(samplePercentile(sorted, 50)),
        p95Ms: round(samplePercentile(sorted, 95)),
        planningMs: round(planning / times.length),
        plan: last
      };
    });
  } catch (err) {
    const state = sqlState(err);
    return {
      ok: false,
      name: guard.name,
      ...state ? { sqlState: state } : {},
      message: err.message
    };
  }
}

// src/checks/db/table-health.ts
var q = (s, sql) => s.query(`${OPSGATE_SQL_MARK} ${sql}`);
async function readTableHealth(session) {
  const invalid = await q(
    session,
    `SELECT i.indexrelid::regclass::text AS index, i.indrelid::regclass::text AS table
       FROM pg_index i WHERE NOT i.indisvalid ORDER BY 1`
  );
  const unused = await q(
    session,
    `SELECT s.indexrelid::regclass::text AS index, s.relid::regclass::text AS table,
            pg_relation_size(s.indexrelid)::text AS bytes
       FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
      WHERE s.idx_scan = 0 AND NOT i.indisunique AND NOT i.indisprimary
      ORDER BY pg_relation_size(s.indexrelid) DESC LIMIT 20`
  );
  const seq = await q(
    session,
    `SELECT relid::regclass::text AS table, seq_scan::text AS seq,
            (seq_tup_read / seq_scan)::text AS per, coalesce(idx_scan, 0)::text AS idx
       FROM pg_stat_user_tables
      WHERE seq_scan >= 100 AND seq_tup_read / seq_scan >= 1000 AND seq_scan > coalesce(idx_scan, 0)
      ORDER BY seq_tup_read DESC LIMIT 10`
  );
  const dead = await q(
    session,
    // n_live_tup starts at 0 in a fresh statistics window; the planner's reltuples knows better then.
    `SELECT s.relid::regclass::text AS table, s.n_dead_tup::text AS dead,
            greatest(s.n_live_tup, c.reltuples::bigint)::text AS live
       FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
      WHERE s.n_dead_tup >= 1000 ORDER BY s.n_dead_tup DESC LIMIT 20`
  );
  const [db] = await q(
    session,
    `SELECT d.blks_hit::text AS hit, d.blks_read::text AS read,
            (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database())::text AS here,
            (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::text AS server,
            current_setting('max_connections') AS max
       FROM pg_stat_database d WHERE d.datname = current_database()`
  );
  const hit = Number(db?.hit ?? 0);
  const read = Number(db?.read ?? 0);
  return {
    invalidIndexes: invalid,
    unusedIndexes: unused.map((u) => ({ ...u, bytes: Number(u.bytes) })),
    seqScanTables: seq.map((s) => ({
      table: s.table,
      seqScans: Number(s.seq),
      rowsPerScan: Number(s.per),
      indexScans: Number(s.idx)
    })),
    deadTuples: dead.map((d) => ({ table: d.table, dead: Number(d.dead), live: Number(d.live) })),
    cacheHitRatio: hit + read > 0 ? Math.round(hit / (hit + read) * 1e4) / 1e4 : null,
    connections: {
      database: Number(db?.here ?? 0),
      server: Number(db?.server ?? 0),
      maxConnections: Number(db?.max ?? 0)
    }
  };
}
function healthFindings(h, cfg, where) {
  const out = [];
  for (const i of h.invalidIndexes)
    out.push(
      dbFinding({
        rule: "db-invalid-index",
        where: `${where} ${i.index}`,
        severity: "high",
        title: `index ${i.index} on ${i.table} is invalid`,
        detail: "An invalid index (a failed CREATE INDEX CONCURRENTLY) is maintained on writes but never used by the planner.",
        solution: `REINDEX INDEX CONCURRENTLY ${i.index};`
      })
    );
  for (const i of h.unusedIndexes)
    out.push(
      dbFinding({
        rule: "db-unused-index",
        where: `${where} ${i.index}`,
        severity: "info",
        title: `index ${i.index} on ${i.table} has not been scanned since the statistics reset`,
        detail: `${Math.round(i.bytes / 1024)} KiB, updated on every write to ${i.table}. Check replicas and rare jobs before dropping it.`
      })
    );
  for (const t of h.seqScanTables)
    out.push(
      dbFinding({
        rule: "db-seq-scan-table",
        where: `${where} ${t.table}`,
        severity: "info",
        title: `${t.table} is read by large sequential scans (${t.seqScans} scans, ${t.rowsPerScan} rows each)`,
        detail: `${t.seqScans} sequential vs ${t.indexScans} index scans. A missing index is the usual cause: look for the filter columns of the top queries on ${t.table}.`
      })
    );
  for (const t of h.deadTuples) {
    const ratio = t.dead / Math.max(1, t.dead + t.live);
    if (ratio <= cfg.health["max-dead-tuple-ratio"]) continue;
    out.push(
      dbFinding({
        rule: "db-dead-tuples",
        where: `${where} ${t.table}`,
        severity: "low",
        title: `${t.table} is ${Math.round(ratio * 100)}% dead rows`,
        detail: `${t.dead} dead vs ${t.live} live rows: autovacuum is not keeping up.`,
        solution: `VACUUM (ANALYZE) ${t.table}; and review autovacuum settings for it.`
      })
    );
  }
  return out;
}
function healthThresholds(h, cfg) {
  const out = [];
  const limit = Math.floor(h.connections.maxConnections * cfg.health["max-connections-ratio"]);
  out.push({
    name: "connections on the server",
    limit,
    actual: h.connections.server,
    ok: h.connections.server <= limit,
    detail: `${Math.round(cfg.health["max-connections-ratio"] * 100)}% of max_connections ${h.connections.maxConnections}`
  });
  const pool = cfg.health["pool-size"];
  if (pool !== void 0)
    out.push({
      name: "connections to the database vs pool size",
      limit: pool,
      // The check's own session is not the application's.
      actual: Math.max(0, h.connections.database - 1),
      ok: h.connections.database - 1 <= pool
    });
  const min = cfg.health["min-cache-hit-ratio"];
  if (min !== void 0)
    out.push({
      name: "cache hit ratio",
      limit: min,
      actual: h.cacheHitRatio,
      ok: h.cacheHitRatio === null || h.cacheHitRatio >= min,
      ...h.cacheHitRatio === null ? { skipped: "no blocks read yet" } : {}
    });
  return out;
}

// src/checks/db/top-queries.ts
var round2 = (n, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
function toStats(r) {
  const hit = Number(r.hit);
  const read = Number(r.read);
  return {
    queryId: r.queryid ?? "",
    query: r.query,
    role: r.role,
    calls: Number(r.calls),
    totalMs: round2(r.total_ms),
    meanMs: round2(r.mean_ms, 3),
    maxMs: round2(r.max_ms),
    rows: Number(r.rows),
    hitRatio: hit + read > 0 ? round2(hit / (hit + read), 4) : null
  };
}
async function extensionSchema(session) {
  const rows = await session.query(
    `${OPSGATE_SQL_MARK} SELECT n.nspname AS schema FROM pg_extension e
       JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements'`
  );
  return rows[0]?.schema;
}
var ENABLE_HOW = "Add pg_stat_statements to shared_preload_libraries in postgresql.conf (e.g. shared_preload_libraries = 'pg_stat_statements'), restart PostgreSQL, then run CREATE EXTENSION pg_stat_statements; in this database (managed services: enable it in the parameter group / flags).";
async function readTopQueries(session, cfg, findings) {
  const schema = await extensionSchema(session);
  const missing = (reason, title) => {
    findings.push(
      dbFinding({
        rule: "db-pg-stat-statements-missing",
        where: session.where,
        severity: "low",
        title,
        detail: `${reason}. Top queries and the mean-time threshold are not measured; the query guards still run.`,
        solution: ENABLE_HOW
      })
    );
    return { available: false, reason };
  };
  if (!schema)
    return missing(
      `the pg_stat_statements extension is not installed in ${session.where}`,
      "pg_stat_statements is not enabled: no top-queries evidence"
    );
  const view = `${quoteIdent(schema)}.pg_stat_statements`;
  if (cfg["reset-statistics"]) await resetStatistics(session, schema, findings);
  const select = (order, where = "TRUE", limit = cfg["top-n"]) => session.query(
    `${OPSGATE_SQL_MARK} SELECT s.queryid::text AS queryid, s.query, r.rolname AS role, s.calls::text AS calls,
              s.total_exec_time AS total_ms, s.mean_exec_time AS mean_ms, s.max_exec_time AS max_ms,
              s.rows::text AS rows, s.shared_blks_hit::text AS hit, s.shared_blks_read::text AS read
         FROM ${view} s LEFT JOIN pg_roles r ON r.oid = s.userid
        WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND s.query NOT LIKE $1 || '%' AND ${where}
        ORDER BY ${order} DESC LIMIT ${limit}`,
    [OPSGATE_SQL_MARK]
  );
  try {
    const byTotal = (await select("s.total_exec_time")).map(toStats);
    const byMean = (await select("s.mean_exec_time")).map(toStats);
    const minCalls = cfg.thresholds["min-calls"];
    const [slow] = await select("s.mean_exec_time", `s.calls >= ${minCalls}`, 1);
    return { available: true, byTotal, byMean, ...slow ? { slowest: toStats(slow) } : {} };
  } catch (err) {
    if (sqlState(err) === "55000")
      return missing(
        "pg_stat_statements is created but not loaded via shared_preload_libraries",
        "pg_stat_statements is not loaded: no top-queries evidence"
      );
    throw err;
  }
}
async function resetStatistics(session, schema, findings) {
  try {
    await session.query(`${OPSGATE_SQL_MARK} SELECT ${quoteIdent(schema)}.pg_stat_statements_reset()`);
  } catch (err) {
    if (sqlState(err) !== "42501") throw err;
    findings.push(
      dbFinding({
        rule: "db-cannot-reset-statistics",
        where: `${session.where} role ${session.role}`,
        severity: "low",
        title: `role ${session.role} may not reset pg_stat_statements`,
        detail: "db.reset-statistics is on, but the statistics were not reset: the top queries cover the whole statistics window.",
        solution: grantTo(`EXECUTE ON FUNCTION ${quoteIdent(schema)}.pg_stat_statements_reset`, session.role)
      })
    );
  }
}
function topQueryThresholds(top, cfg) {
  const limit = cfg.thresholds["max-mean-ms"];
  if (limit === void 0) return [];
  const minCalls = cfg.thresholds["min-calls"];
  const name = `mean time of statements with ≥ ${minCalls} calls`;
  if (!top.available)
    return [{ name, limit, actual: null, ok: true, unit: "ms", skipped: "pg_stat_statements unavailable" }];
  const s = top.slowest;
  return [
    {
      name,
      limit,
      actual: s ? s.meanMs : 0,
      ok: !s || s.meanMs <= limit,
      unit: "ms",
      detail: s ? `slowest: ${s.query.replace(/\s+/g, " ").slice(0, 200)} (${s.calls} calls, mean ${s.meanMs} ms)` : `no statement has ${minCalls} calls yet`
    }
  ];
}

// src/checks/db/db-check.ts
function dbConfigOf(ctx) {
  const cfg = ctx.config.db;
  if (!cfg || !cfg.enabled)
    throw new ConfigError([{ path: "db", message: "no enabled db section in the configuration" }]);
  return cfg;
}
function storedGuard(cfg, r) {
  const sql = cfg.queries.find((q2) => q2.name === r.name)?.sql ?? "";
  if (!r.ok) return { name: r.name, sql, ok: false };
  return {
    name: r.name,
    sql,
    ok: true,
    p50Ms: r.p50Ms,
    p95Ms: r.p95Ms,
    nodes: r.plan.nodes.slice(0, 200).map((n) => ({
      label: n.label,
      type: n.type,
      ...n.relation ? { relation: n.relation } : {},
      ...n.index ? { index: n.index } : {}
    }))
  };
}
async function runDb(ctx) {
  const cfg = dbConfigOf(ctx);
  const e = startEvidence("db", ctx.config.target["base-url"], ctx.config.target.name);
  e.sections = [];
  const session = await openReadOnlySession(cfg.url, {
    statementTimeoutMs: durationMs(cfg["statement-timeout"])
  });
  const guards = [];
  try {
    ctx.log(`db: read-only session on ${session.where} as ${session.role}`);
    const privileges = await readRolePrivileges(session);
    e.findings.push(...privilegeFindings(privileges, session.where));
    const top = await readTopQueries(session, cfg, e.findings);
    e.thresholds.push(...topQueryThresholds(top, cfg));
    e.sections.push(topQueriesSection(top));
    if (top.available && top.byTotal[0]) e.metrics.topQueryTotalMs = top.byTotal[0].totalMs;
    if (top.available && top.byMean[0]) e.metrics.topQueryMeanMs = top.byMean[0].meanMs;
    const health = await readTableHealth(session);
    e.findings.push(...healthFindings(health, cfg, session.where));
    e.thresholds.push(...healthThresholds(health, cfg));
    e.sections.push(healthSection(health));
    if (health.cacheHitRatio !== null) e.metrics.cacheHitRatio = health.cacheHitRatio;
    e.metrics.connectionsOnServer = health.connections.server;
    for (const guard of cfg.queries) {
      if (ctx.signal.aborted) break;
      const r = await runQueryGuard(session, guard, ctx.signal);
      guards.push(r);
      if (r.ok) {
        e.thresholds.push(...guardThresholds(guard, r));
        e.metrics[`guard ${guard.name} p95 ms`] = r.p95Ms;
        ctx.log(`db: guard ${guard.name}: p95 ${r.p95Ms} ms over ${r.runs} runs`);
      } else e.findings.push(guardFailureFinding(r, session.where, session.role));
    }
    if (guards.length) e.sections.push(guardsSection(guards));
    e.data = {
      where: session.where,
      role: session.role,
      privileges,
      topQueries: top,
      health,
      guards: guards.map((g) => storedGuard(cfg, g)),
      guardRuns: guards
    };
  } finally {
    await session.close();
  }
  await compareWithBaseline(ctx, e, cfg);
  const failed = e.thresholds.filter((t) => !t.ok).length;
  e.summary = `${guards.filter((g) => g.ok).length}/${cfg.queries.length} guard(s) ran; ${failed} threshold(s) crossed; ${e.findings.filter((f) => f.severity !== "info").length} finding(s)`;
  await storeRun(ctx, e);
  return e;
}
async function compareWithBaseline(ctx, e, cfg) {
  const guards = e.data?.guards ?? [];
  const base = guards.length ? await latestPassingDbRun(ctx.store) : void 0;
  if (base) {
    const where = String(e.data?.where ?? "");
    const cmp = compareGuardsWithBaseline(guards, base.evidence, cfg, where);
    e.baseline = {
      source: `latest passing db run (${ctx.store.description})`,
      recordedAt: base.recordedAt,
      comparisons: cmp.comparisons
    };
    e.findings.push(...cmp.findings);
  }
}
async function storeRun(ctx, e) {
  const policy = policyFor(ctx.config, "db");
  e.verdict = verdictOf(controlsOf(e, policy), policy);
  await ctx.store.put(e, {
    commit: process.env.OPSGATE_COMMIT ?? process.env.GITHUB_SHA,
    branch: process.env.OPSGATE_BRANCH ?? (process.env.GITHUB_HEAD_REF || process.env.GITHUB_REF_NAME)
  });
}
var dbCheck = {
  name: "db",
  description: "database insight (read-only): top queries from pg_stat_statements, EXPLAIN ANALYZE query guards, plan changes vs baseline",
  run: runDb
};

export {
  dbCheck
};
