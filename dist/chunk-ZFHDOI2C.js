import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  esm_default,
  quoteIdent
} from "./chunk-QRYG3CMW.js";

// src/engines/postgres/row-counts.ts
async function listTables(client) {
  const { rows } = await client.query(
    `SELECT n.nspname || '.' || c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p')
        AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
      ORDER BY 1`
  );
  return rows.map((r) => r.name);
}
function qualifyTable(name) {
  return name.includes(".") ? name : `public.${name}`;
}
async function countRows(client, tables) {
  const existing = new Set(await listTables(client));
  const counts = {};
  for (const table of tables.map(qualifyTable)) {
    if (!existing.has(table)) {
      counts[table] = -1;
      continue;
    }
    const [schema, ...rest] = table.split(".");
    const { rows } = await client.query(
      `SELECT count(*)::bigint AS n FROM ${quoteIdent(schema)}.${quoteIdent(rest.join("."))}`
    );
    counts[table] = Number(rows[0].n);
  }
  return counts;
}

// src/checks/restore/verification.ts
function compareValues(actual, op, expected) {
  const a = typeof actual === "boolean" ? actual : typeof actual === "number" ? actual : String(actual);
  const numeric = a !== "" && !Number.isNaN(Number(a)) && !Number.isNaN(Number(expected)) && typeof expected !== "boolean";
  const x = numeric ? Number(a) : String(a);
  const y = numeric ? Number(expected) : String(expected);
  switch (op) {
    case "=":
      return x === y;
    case "!=":
      return x !== y;
    case ">=":
      return x >= y;
    case "<=":
      return x <= y;
    case ">":
      return x > y;
    case "<":
      return x < y;
  }
}
async function verifyRestore(opts) {
  const client = new esm_default.Client({ connectionString: opts.restoredUrl, statement_timeout: 3e5 });
  await client.connect();
  try {
    const assertions = [];
    for (const a of opts.verify.assertions) {
      const base = {
        name: a.name,
        sql: a.sql,
        op: a.expect.op,
        expected: a.expect.value,
        severity: a.severity
      };
      try {
        const res = await client.query({ text: a.sql, rowMode: "array" });
        const actual = res.rows[0]?.[0] ?? null;
        const shown = showValue(actual);
        assertions.push({
          ...base,
          actual: shown,
          ok: actual !== null && compareValues(actual, a.expect.op, a.expect.value)
        });
      } catch (err) {
        assertions.push({ ...base, actual: null, ok: false, error: err.message });
      }
    }
    const rowCounts = opts.verify["row-counts"] ? await compareRowCounts(client, opts) : void 0;
    const smoke = [];
    for (const sql of opts.verify["smoke-queries"]) {
      const t = performance.now();
      try {
        const res = await client.query(sql);
        smoke.push({ sql, ok: true, ms: performance.now() - t, rows: res.rowCount ?? 0 });
      } catch (err) {
        smoke.push({ sql, ok: false, ms: performance.now() - t, error: err.message });
      }
    }
    return { assertions, ...rowCounts ? { rowCounts } : {}, smoke };
  } finally {
    await client.end().catch(() => void 0);
  }
}
async function compareRowCounts(client, opts) {
  const cfg = opts.verify["row-counts"];
  const compareWith = cfg["compare-with"];
  const restoredTables = await listTables(client);
  let expected;
  const wanted = cfg.tables === "all" ? void 0 : cfg.tables.map(qualifyTable);
  if (compareWith === "recorded") {
    if (!opts.recordedCounts)
      return {
        compareWith,
        tables: [],
        unavailable: "the backup has no recorded row counts (<backup>.counts.json); take backups with the pg-dump source or compare-with: source"
      };
    expected = wanted ? Object.fromEntries(wanted.map((t) => [t, opts.recordedCounts[t] ?? -1])) : opts.recordedCounts;
  } else {
    if (!opts.sourceCounts)
      return { compareWith, tables: [], unavailable: "compare-with: source needs the pg-dump backup source" };
    expected = await opts.sourceCounts(wanted ?? restoredTables);
  }
  const names = [.../* @__PURE__ */ new Set([...Object.keys(expected), ...wanted ? [] : restoredTables])].sort();
  const actual = await countRows(client, names);
  return {
    compareWith,
    tables: names.map((table) => {
      const e = expected[table] ?? -1;
      const a = actual[table] ?? -1;
      return { table, expected: e, actual: a, ok: e === a };
    })
  };
}
function showValue(v) {
  if (v === null || v === void 0) return null;
  if (typeof v === "boolean" || typeof v === "number") return v;
  const s = v instanceof Date ? v.toISOString() : String(v);
  return /^-?\d+(\.\d+)?$/.test(s) && Number.isSafeInteger(Math.trunc(Number(s))) ? Number(s) : s;
}

export {
  listTables,
  countRows,
  compareValues,
  verifyRestore
};
