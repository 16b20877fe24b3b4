import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  oncePerRecord,
  parseLogLines,
  readStoredRecord,
  recordText,
  sealRecord,
  storeKey
} from "./chunk-SO5POORH.js";
import {
  loadConfig
} from "./chunk-ZC7YIYEL.js";
import {
  writeFileAtomic
} from "./chunk-NA4JMHHY.js";
import {
  redactDeep
} from "./chunk-MLKP6OQN.js";

// src/core/store/fs-evidence-store.ts
import { appendFile, mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
var FsEvidenceStore = class {
  constructor(dir, opts = {}) {
    this.dir = dir;
    this.opts = opts;
    this.warnFor = oncePerRecord(`directory ${dir}`, opts.log);
  }
  dir;
  opts;
  warnFor;
  refusalSaid = false;
  get description() {
    return `directory ${this.dir}`;
  }
  async put(evidence, meta = {}) {
    const env = sealRecord(evidence, meta);
    const key = storeKey(env.evidence, env.sha256, meta.commit);
    await mkdir(path.dirname(path.join(this.dir, key)), { recursive: true });
    await writeFileAtomic(path.join(this.dir, key), recordText(env));
    return { key, check: evidence.check, ...env };
  }
  async list(check, q = {}) {
    if (this.refused()) return [];
    const root = path.join(this.dir, "evidence", check);
    const files = [];
    for (const day of await safeReaddir(root)) {
      for (const f of await safeReaddir(path.join(root, day)))
        if (f.endsWith(".json")) files.push(path.join(day, f));
    }
    files.sort().reverse();
    const out = [];
    for (const f of files) {
      const key = `evidence/${check}/${f}`;
      const text = await readFile(path.join(root, f), "utf8").catch(() => "");
      const record = readStoredRecord(key, check, text, q, this.warnFor(key));
      if (!record) continue;
      out.push(record);
      if (q.limit && out.length >= q.limit) break;
    }
    return out;
  }
  async appendRecord(log, record) {
    const file = path.join(this.dir, "logs", `${log}.jsonl`);
    await mkdir(path.dirname(file), { recursive: true });
    await appendFile(file, JSON.stringify(redactDeep(record)) + "\n");
  }
  async readRecords(log) {
    if (this.refused()) return [];
    let text;
    try {
      text = await readFile(path.join(this.dir, "logs", `${log}.jsonl`), "utf8");
    } catch {
      return [];
    }
    return parseLogLines(log, text, this.warnFor);
  }
  /** True (and said once) when history must not be read from this directory. */
  refused() {
    if (!this.opts.historyRefused) return false;
    if (!this.refusalSaid)
      (this.opts.log ?? ((m) => process.stderr.write(`${m}
`)))(
        `opsgate: baselines and history are not read from ${this.description}: ${this.opts.historyRefused}`
      );
    this.refusalSaid = true;
    return true;
  }
};
async function safeReaddir(dir) {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

// src/actions/optional-config.ts
import { access } from "node:fs/promises";
async function loadOptionalConfig(file) {
  try {
    await access(file);
  } catch {
    return void 0;
  }
  return (await loadConfig(file, process.env, [])).config;
}

export {
  FsEvidenceStore,
  loadOptionalConfig
};
