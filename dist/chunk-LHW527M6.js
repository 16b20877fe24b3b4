import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);

// src/core/baseline/regression.ts
function relativeChange(baseline, actual) {
  if (baseline === 0) return actual === 0 ? 0 : Number.POSITIVE_INFINITY;
  return (actual - baseline) / baseline;
}
function mean(xs) {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
function variance(xs) {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
}
function zScore(x, history) {
  if (history.length < 2) return null;
  const sd = Math.sqrt(variance(history));
  if (sd === 0)
    return x === mean(history) ? 0 : x > mean(history) ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  return (x - mean(history)) / sd;
}
function judgeRegression(runs, actual, policy) {
  const baseline = runs.length ? median(runs) : Number.NaN;
  const spread = runs.length ? Math.max(...runs) - Math.min(...runs) : 0;
  const change = relativeChange(baseline, actual);
  const delta = actual - baseline;
  const base = { baseline, actual, change, spread, runs: runs.length };
  if (runs.length < policy.minRuns)
    return {
      ...base,
      regressed: false,
      inconclusive: `${runs.length} accepted baseline run${runs.length === 1 ? "" : "s"}, ${policy.minRuns} needed`,
      note: ""
    };
  const notes = [];
  const overLimit = change > policy.limit;
  const overFloor = delta > policy.noiseFloor;
  const overSpread = delta > spread;
  let regressed = overLimit && overFloor && overSpread;
  if (overLimit && !overFloor)
    notes.push(`+${fmt(delta)} is within the noise floor of ${fmt(policy.noiseFloor)}`);
  if (overLimit && overFloor && !overSpread)
    notes.push(`+${fmt(delta)} is within the spread of the ${runs.length} baseline runs (${fmt(spread)})`);
  if (policy.test?.kind === "z-score") {
    const z = zScore(actual, runs);
    if (z !== null) {
      notes.push(`z = ${Number.isFinite(z) ? z.toFixed(2) : z > 0 ? "+∞" : "−∞"} over ${runs.length} runs`);
      if (regressed && z <= policy.test.zLimit) {
        regressed = false;
        notes.push(`not an outlier (limit ${policy.test.zLimit})`);
      }
    }
  }
  return { ...base, regressed, note: notes.join("; ") };
}
function fmt(n) {
  return String(Math.round(n * 100) / 100);
}

export {
  judgeRegression
};
