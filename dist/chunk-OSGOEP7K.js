import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);

// src/core/errors.ts
function formatProblem(p) {
  const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ""} ` : "";
  return `${where}${p.path ? `${p.path}: ` : ""}${p.message}`;
}
var ConfigError = class extends Error {
  problems;
  constructor(problems) {
    const list = typeof problems === "string" ? [{ path: "", message: problems }] : problems;
    super(list.map(formatProblem).join("\n"));
    this.name = "ConfigError";
    this.problems = list;
  }
};
var TargetUnreachableError = class extends Error {
  tried;
  /** The socket or parser error code (ECONNRESET, ECONNREFUSED, HPE_HEADER_OVERFLOW, …), if any. */
  code;
  constructor(tried, cause) {
    super(`target unreachable: tried ${tried.join(", ")}${cause ? ` (${describeCause(cause)})` : ""}`);
    this.name = "TargetUnreachableError";
    this.tried = tried;
    const code = cause?.code;
    if (typeof code === "string") this.code = code;
  }
};
var EngineError = class extends Error {
  constructor(engine, message) {
    super(`${engine}: ${message}`);
    this.engine = engine;
    this.name = "EngineError";
  }
  engine;
};
var ExitCode = { ok: 0, gateFailed: 1, config: 2, runtime: 3 };
function describeCause(cause) {
  if (cause instanceof Error) {
    const inner = cause.cause;
    const code = inner?.code ?? cause.code;
    return code ? `${code}: ${inner instanceof Error ? inner.message : cause.message}` : cause.message;
  }
  return String(cause);
}

export {
  ConfigError,
  TargetUnreachableError,
  EngineError,
  ExitCode,
  describeCause
};
