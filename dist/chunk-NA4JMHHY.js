import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);

// src/core/atomic-write.ts
import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
var OutputWriteError = class extends Error {
  constructor(file, code) {
    super(`cannot write ${file}: ${code}`);
    this.file = file;
    this.code = code;
    this.name = "OutputWriteError";
  }
  file;
  code;
};
async function writeFileAtomic(file, data) {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => void 0);
    const code = err.code ?? err.message;
    throw new OutputWriteError(file, code);
  }
}

export {
  writeFileAtomic
};
