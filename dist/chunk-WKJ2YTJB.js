import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  RequestRefusedError
} from "./chunk-NRWEKI4R.js";
import {
  TargetUnreachableError
} from "./chunk-OSGOEP7K.js";

// src/engines/http/request-failure.ts
function requestFailureReason(err) {
  if (err instanceof RequestRefusedError) return err.message;
  if (!(err instanceof TargetUnreachableError)) return void 0;
  const code = err.code ?? "";
  const what = code === "ABORT_ERR" ? "interrupted" : code === "ECONNRESET" || code === "EPIPE" ? "connection reset" : code === "ECONNREFUSED" ? "connection refused" : code === "HPE_HEADER_OVERFLOW" ? "response headers too large" : code.startsWith("HPE_") ? "invalid bytes in the response" : code === "ETIMEDOUT" || code === "ESOCKETTIMEDOUT" ? "timed out" : "no answer";
  return `${what}${code ? ` (${code})` : ""}`;
}
function targetGone(err) {
  if (!(err instanceof TargetUnreachableError)) return false;
  const code = err.code ?? "";
  return !(code === "ECONNRESET" || code === "EPIPE" || code === "ABORT_ERR" || code.startsWith("HPE_"));
}

export {
  requestFailureReason,
  targetGone
};
