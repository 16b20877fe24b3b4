/**
 * The one neutraliser for text a target, a scanner report or an artifact controls. Everything such a
 * source said passes here before it enters markdown or HTML (report, job summary, PR comment, issues,
 * drill issue, runbooks), so no call site can inject markers, HTML, links, mentions or table/fence breakers.
 */
const ZWJ = '\u200d';
/** Default cap for one value; the cut is announced with the original byte count. */
export const untrustedMaxBytes = 300;

export interface UntrustedTextOptions {
  /** Byte budget for the value (UTF-8); longer values are cut and say how long they were. */
  maxBytes?: number;
  /** Inside a table cell newlines become `<br>`; elsewhere a space. */
  cell?: boolean;
}

/**
 * Header values from node:http arrive as latin1 code units; when those bytes are valid UTF-8 the
 * target meant UTF-8 text, so decode it (fixes mojibake such as "Ã©" for "é").
 */
export function decodeLatin1Utf8(value: string): string {
  // eslint-disable-next-line no-control-regex -- latin1 range test, not a control match
  if (!/[\u0080-\u00ff]/.test(value) || /[^\u0000-\u00ff]/.test(value)) return value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}

function truncate(text: string, maxBytes: number): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= maxBytes) return text;
  const cut = Buffer.from(text, 'utf8')
    .subarray(0, maxBytes)
    .toString('utf8')
    .replace(/\ufffd$/, '');
  return `${cut}… (truncated, ${bytes} bytes)`;
}

/** Neutralise untrusted text for markdown: the result renders as inert, literal text on GitHub. */
export function untrustedText(value: unknown, opts: UntrustedTextOptions = {}): string {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'string' ? value : String(value as string | number | boolean);
  // Header values reach us as latin1 code units; bytes that are UTF-8 are shown as what they say.
  text = decodeLatin1Utf8(text);
  text = truncate(text, opts.maxBytes ?? untrustedMaxBytes);
  // eslint-disable-next-line no-control-regex -- strips control characters that could hide content
  text = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
  text = text
    .replace(/&(?=#?\w+;)/g, '&amp;') // entities would otherwise decode back into "<"
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([`|[\]])/g, '\\$1') // code fences, table cells, and [links](…) / ![images](…)
    .replace(/@(?=[\w-])/g, `@${ZWJ}`) // @user, @org/team
    .replace(/#(?=\d)/g, `#${ZWJ}`) // #123
    .replace(/\b(GH)-(?=\d)/gi, `$1${ZWJ}-`); // GH-123
  return text.replace(/\r?\n|\r/g, opts.cell ? '<br>' : ' ');
}

/** A table cell: same rules, newlines as `<br>`. */
export function untrustedCell(value: unknown, maxBytes = untrustedMaxBytes): string {
  return untrustedText(value, { cell: true, maxBytes });
}

/** A whole section of markdown another run rendered (artifact evidence): at most this many bytes. */
export const untrustedSectionMaxBytes = 64 * 1024;

/**
 * Markdown written by a run we do not trust (a fork's artifact): its tables and lines stay, but no
 * HTML (only `<br>`, which our own cells use), no comment markers, no mentions or references, no
 * code fences that would swallow what follows. Idempotent on text that already passed here.
 */
export function untrustedMarkdown(value: string): string {
  const text = truncate(value, untrustedSectionMaxBytes);
  return (
    text
      // eslint-disable-next-line no-control-regex -- strips control characters that could hide content
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/<(?!br>)/g, '&lt;')
      .replace(/(?<!<br)>/g, '&gt;')
      .replace(/^(\s*)(`{3,}|~{3,})/gm, (_m, sp: string, fence: string) => sp + fence.replace(/./g, '\\$&'))
      .replace(/@(?=[\w-])/g, `@${ZWJ}`)
      .replace(/#(?=\d)/g, `#${ZWJ}`)
      .replace(/\b(GH)-(?=\d)/gi, `$1${ZWJ}-`)
  );
}
