import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);

// src/core/render/format-duration.ts
function formatDuration(ms) {
  if (ms < 1e3) return `${Math.round(ms)} ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(1)} s`;
  const two = (big, bigUnit, small, smallUnit) => small ? `${big} ${bigUnit} ${small} ${smallUnit}` : `${big} ${bigUnit}`;
  if (ms < 36e5) return two(Math.floor(ms / 6e4), "min", Math.round(ms % 6e4 / 1e3), "s");
  if (ms < 3 * 864e5)
    return two(Math.floor(ms / 36e5), "h", Math.round(ms % 36e5 / 6e4), "min");
  return `${(ms / 864e5).toFixed(1)} days`;
}

export {
  formatDuration
};
