/**
 * The parts of an `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` plan a guard reasons about: every
 * node flattened with its type, relation and index, rows estimated vs actual, and the cost.
 */

/** One node of an EXPLAIN JSON plan (only the keys we read). */
interface RawPlanNode {
  'Node Type'?: unknown;
  'Relation Name'?: unknown;
  'Index Name'?: unknown;
  'Plan Rows'?: unknown;
  'Actual Rows'?: unknown;
  'Actual Loops'?: unknown;
  'Total Cost'?: unknown;
  'Shared Hit Blocks'?: unknown;
  'Shared Read Blocks'?: unknown;
  Plans?: unknown;
}

export interface PlanNode {
  /** `Seq Scan on units`, `Index Scan using units_company_id_idx on units`, `Hash Join`. */
  label: string;
  type: string;
  relation?: string;
  index?: string;
  /** Rows the planner estimated per loop, and the rows actually produced over all loops. */
  estimatedRows: number;
  actualRows: number;
  loops: number;
  depth: number;
}

export interface PlanSummary {
  nodes: PlanNode[];
  nodeTypes: string[];
  indexes: string[];
  totalCost: number;
  estimatedRows: number;
  actualRows: number;
  sharedHitBlocks: number;
  sharedReadBlocks: number;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export function nodeLabel(type: string, relation?: string, index?: string): string {
  return `${type}${index ? ` using ${index}` : ''}${relation ? ` on ${relation}` : ''}`;
}

/** The first element of EXPLAIN's JSON array: `{ Plan, 'Execution Time', … }`. */
export interface ExplainResult {
  plan: PlanSummary;
  executionMs: number;
  planningMs: number;
}

export function readExplain(json: unknown): ExplainResult {
  const top = (Array.isArray(json) ? json[0] : json) as Record<string, unknown> | undefined;
  const root = top?.Plan as RawPlanNode | undefined;
  if (!root || typeof root !== 'object') throw new Error('EXPLAIN returned no plan');
  return {
    plan: summarisePlan(root),
    executionMs: num(top?.['Execution Time']),
    planningMs: num(top?.['Planning Time']),
  };
}

function summarisePlan(root: RawPlanNode): PlanSummary {
  const nodes: PlanNode[] = [];
  // Iterative walk: a hostile or huge plan cannot blow the stack.
  const stack: [RawPlanNode, number][] = [[root, 0]];
  while (stack.length && nodes.length < 10_000) {
    const [n, depth] = stack.pop()!;
    const type = str(n['Node Type']) ?? 'Unknown';
    const relation = str(n['Relation Name']);
    const index = str(n['Index Name']);
    const loops = Math.max(1, num(n['Actual Loops']));
    nodes.push({
      label: nodeLabel(type, relation, index),
      type,
      ...(relation ? { relation } : {}),
      ...(index ? { index } : {}),
      estimatedRows: num(n['Plan Rows']),
      actualRows: num(n['Actual Rows']) * loops,
      loops,
      depth,
    });
    const children = Array.isArray(n.Plans) ? (n.Plans as RawPlanNode[]) : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, depth + 1]);
  }
  return {
    nodes,
    nodeTypes: [...new Set(nodes.map((n) => n.type))],
    indexes: [...new Set(nodes.flatMap((n) => (n.index ? [n.index] : [])))],
    totalCost: num(root['Total Cost']),
    estimatedRows: num(root['Plan Rows']),
    actualRows: num(root['Actual Rows']) * Math.max(1, num(root['Actual Loops'])),
    sharedHitBlocks: num(root['Shared Hit Blocks']),
    sharedReadBlocks: num(root['Shared Read Blocks']),
  };
}

/**
 * Nodes a `forbid` rule matches: `Seq Scan` matches every sequential scan, `Seq Scan on units`
 * only the one on that table (case-insensitive; a schema prefix on the relation is ignored).
 */
export function nodesMatching(plan: PlanSummary, rule: string): PlanNode[] {
  const m = /^(.+?)\s+on\s+(.+)$/i.exec(rule.trim());
  const type = (m ? m[1]! : rule).trim().toLowerCase();
  const relation = m?.[2]!.trim().toLowerCase().split('.').pop();
  return plan.nodes.filter(
    (n) => n.type.toLowerCase() === type && (!relation || n.relation?.toLowerCase() === relation),
  );
}

/** A compact one-line plan: `Limit → Sort → Seq Scan on units`, depth-first, at most 12 nodes. */
export function planOutline(plan: PlanSummary): string {
  const labels = plan.nodes.slice(0, 12).map((n) => n.label);
  return labels.join(' → ') + (plan.nodes.length > 12 ? ` → … (${plan.nodes.length} nodes)` : '');
}
