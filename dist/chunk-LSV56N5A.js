import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);

// src/checks/rbac/expectation.ts
function statusMatches(expected, status) {
  if (typeof expected === "number") return status === expected;
  if (Array.isArray(expected)) return expected.includes(status);
  switch (expected) {
    case "denied":
      return status === 401 || status === 403 || status === 404;
    case "hidden":
      return status === 403 || status === 404;
    default:
      return Math.floor(status / 100) === Number(expected[0]);
  }
}
function describeExpectation(expected) {
  if (Array.isArray(expected)) return expected.join("|");
  return expected;
}
function expectsRefusal(expected) {
  if (typeof expected === "number") return expected >= 400;
  if (Array.isArray(expected)) return expected.every((s) => s >= 400);
  return expected === "denied" || expected === "hidden" || expected === "4xx" || expected === "5xx";
}
function classifyCell(expected, status) {
  if (statusMatches(expected, status)) return "enforced";
  if (expectsRefusal(expected) && status >= 200 && status < 400) return "bypassed";
  return "unexpected";
}

export {
  statusMatches,
  describeExpectation,
  classifyCell
};
