import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);

// src/core/render/untrusted-text.ts
var ZWJ = "‍";
var untrustedMaxBytes = 300;
function decodeLatin1Utf8(value) {
  if (!/[\u0080-\u00ff]/.test(value) || /[^\u0000-\u00ff]/.test(value)) return value;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(value, "latin1"));
  } catch {
    return value;
  }
}
function truncate(text, maxBytes) {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes <= maxBytes) return text;
  const cut = Buffer.from(text, "utf8").subarray(0, maxBytes).toString("utf8").replace(/\ufffd$/, "");
  return `${cut}… (truncated, ${bytes} bytes)`;
}
function untrustedText(value, opts = {}) {
  if (value === void 0 || value === null) return "";
  let text = typeof value === "string" ? value : String(value);
  text = decodeLatin1Utf8(text);
  text = truncate(text, opts.maxBytes ?? untrustedMaxBytes);
  text = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
  text = text.replace(/&(?=#?\w+;)/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/([`|[\]])/g, "\\$1").replace(/@(?=[\w-])/g, `@${ZWJ}`).replace(/#(?=\d)/g, `#${ZWJ}`).replace(/\b(GH)-(?=\d)/gi, `$1${ZWJ}-`);
  return text.replace(/\r?\n|\r/g, opts.cell ? "<br>" : " ");
}
function untrustedCell(value, maxBytes = untrustedMaxBytes) {
  return untrustedText(value, { cell: true, maxBytes });
}
var untrustedSectionMaxBytes = 64 * 1024;
function untrustedMarkdown(value) {
  const text = truncate(value, untrustedSectionMaxBytes);
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "").replace(/<(?!br>)/g, "&lt;").replace(/(?<!<br)>/g, "&gt;").replace(/^(\s*)(`{3,}|~{3,})/gm, (_m, sp, fence) => sp + fence.replace(/./g, "\\$&")).replace(/@(?=[\w-])/g, `@${ZWJ}`).replace(/#(?=\d)/g, `#${ZWJ}`).replace(/\b(GH)-(?=\d)/gi, `$1${ZWJ}-`);
}

export {
  decodeLatin1Utf8,
  untrustedText,
  untrustedCell,
  untrustedMarkdown
};
