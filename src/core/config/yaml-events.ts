/**
 * opsgate.yml as a small tree built from js-yaml's flat event stream (source offsets kept), so the
 * parse boundary can check every rule with its line before any value is used. Scalars are resolved
 * with the YAML 1.2 core schema; an explicit tag opsgate does not know leaves the scalar as text.
 */
import {
  binaryTag,
  boolCoreTag,
  EVENT_ID,
  floatCoreTag,
  getScalarValue,
  intCoreTag,
  NOT_RESOLVED,
  nullCoreTag,
  parseEvents,
  SCALAR_STYLE,
  strTag,
  YAMLException,
  type Event,
  type ScalarEvent,
  type ScalarTagDefinition,
} from 'js-yaml';

export type YamlNode =
  | { kind: 'scalar'; offset: number; value: unknown; bad?: string }
  | { kind: 'seq'; offset: number; items: YamlNode[] }
  | { kind: 'map'; offset: number; items: YamlNode[] } // key, value, key, value, …
  | { kind: 'alias'; offset: number; name: string; target: YamlNode | undefined };

export interface YamlTree {
  /** Content of the first document (null when the file is empty). */
  root: YamlNode | null;
  /** Offset of the second document's first node, when the file holds more than one. */
  extraDocumentAt?: number;
}

export class YamlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
  }
}

const IMPLICIT: readonly ScalarTagDefinition<unknown>[] = [
  nullCoreTag,
  boolCoreTag,
  intCoreTag,
  floatCoreTag,
];
const EXPLICIT = new Map<string, ScalarTagDefinition<unknown>>(
  [...IMPLICIT, strTag, binaryTag].map((t) => [t.tagName, t]),
);

/** `!!int` → `tag:yaml.org,2002:int`; `!<tag:…>` → `tag:…`; anything else as written. */
function tagName(text: string): string {
  if (text.startsWith('!!')) return `tag:yaml.org,2002:${text.slice(2)}`;
  if (text.startsWith('!<') && text.endsWith('>')) return text.slice(2, -1);
  return text;
}

function scalar(text: string, ev: ScalarEvent): YamlNode {
  const offset = ev.valueStart;
  const raw = getScalarValue(text, ev);
  if (ev.tagStart < 0) {
    if (ev.style === SCALAR_STYLE.PLAIN)
      for (const t of IMPLICIT) {
        const v = t.resolve(raw, false, t.tagName);
        if (v !== NOT_RESOLVED) return { kind: 'scalar', offset, value: v };
      }
    return { kind: 'scalar', offset, value: raw };
  }
  const written = text.slice(ev.tagStart, ev.tagEnd);
  const tag = EXPLICIT.get(tagName(written));
  if (!tag) return { kind: 'scalar', offset, value: raw };
  const v = tag.resolve(raw, true, tag.tagName);
  if (v === NOT_RESOLVED) return { kind: 'scalar', offset, value: null, bad: `cannot be read as ${written}` };
  return { kind: 'scalar', offset, value: v };
}

/** Parses `text` into a tree; syntax errors throw YamlSyntaxError with the offset of the problem. */
export function parseYamlTree(text: string, maxDepth: number): YamlTree {
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth });
  } catch (err) {
    if (err instanceof YAMLException)
      throw new YamlSyntaxError(err.reason || 'cannot parse', err.mark?.position ?? 0);
    throw new YamlSyntaxError(`cannot parse: ${String(err)}`, 0);
  }
  const anchors = new Map<string, YamlNode>();
  const open: Extract<YamlNode, { items: YamlNode[] }>[] = [];
  const tree: YamlTree = { root: null };
  let documents = 0;
  const attach = (node: YamlNode): void => {
    if (open.length) open[open.length - 1]!.items.push(node);
    else if (documents === 1) tree.root = node;
    else tree.extraDocumentAt ??= node.offset;
  };
  const anchor = (ev: { anchorStart: number; anchorEnd: number }, node: YamlNode): void => {
    if (ev.anchorStart >= 0) anchors.set(text.slice(ev.anchorStart, ev.anchorEnd), node);
  };
  for (const ev of events) {
    switch (ev.type) {
      case EVENT_ID.DOCUMENT:
        documents++;
        break;
      case EVENT_ID.POP:
        open.pop();
        break;
      case EVENT_ID.SCALAR: {
        const node = scalar(text, ev);
        anchor(ev, node);
        attach(node);
        break;
      }
      case EVENT_ID.ALIAS: {
        const name = text.slice(ev.anchorStart, ev.anchorEnd);
        attach({ kind: 'alias', offset: Math.max(0, ev.anchorStart - 1), name, target: anchors.get(name) });
        break;
      }
      default: {
        const node: Extract<YamlNode, { items: YamlNode[] }> = {
          kind: ev.type === EVENT_ID.MAPPING ? 'map' : 'seq',
          offset: ev.start,
          items: [],
        };
        // Registered before its content: an alias inside it to itself is found as recursion.
        anchor(ev, node);
        attach(node);
        open.push(node);
      }
    }
  }
  return tree;
}
