import { createHash } from 'node:crypto';

/**
 * The git object database of one fake repository: blobs, flat trees (full path → blob sha),
 * commits and branch refs, with GitHub's fast-forward rule on ref updates.
 */
export interface FakeCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
}

export class FakeGitObjects {
  readonly blobs = new Map<string, Buffer>();
  readonly trees = new Map<string, Map<string, string>>();
  readonly commits = new Map<string, FakeCommit>();
  readonly refs = new Map<string, string>();

  putBlob(content: Buffer): string {
    const sha = createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
    this.blobs.set(sha, content);
    return sha;
  }

  putTree(entries: Map<string, string>): string {
    const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : 1));
    const sha = createHash('sha1')
      .update(`tree ${JSON.stringify(sorted)}`)
      .digest('hex');
    this.trees.set(sha, new Map(sorted));
    return sha;
  }

  putCommit(tree: string, parents: string[], message: string): FakeCommit {
    const sha = createHash('sha1')
      .update(`commit ${tree} ${parents.join(',')} ${message} ${this.commits.size}`)
      .digest('hex');
    const c = { sha, tree, parents, message };
    this.commits.set(sha, c);
    return c;
  }

  /** A tree sha, a commit sha or a branch name → the flat tree. */
  resolveTree(ish: string): { sha: string; entries: Map<string, string> } | undefined {
    if (this.trees.has(ish)) return { sha: ish, entries: this.trees.get(ish)! };
    const commit = this.commits.get(ish) ?? this.commits.get(this.refs.get(`refs/heads/${ish}`) ?? '');
    if (!commit) return undefined;
    return { sha: commit.tree, entries: this.trees.get(commit.tree)! };
  }

  isAncestor(ancestor: string, of: string): boolean {
    const seen = new Set<string>();
    const stack = [of];
    while (stack.length) {
      const sha = stack.pop()!;
      if (sha === ancestor) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      stack.push(...(this.commits.get(sha)?.parents ?? []));
    }
    return false;
  }
}

/** GitHub's tree listing: blobs plus the directories implied by their paths. */
export function listTree(
  entries: Map<string, string>,
  recursive: boolean,
  blobs: Map<string, Buffer>,
): { path: string; mode: string; type: 'blob' | 'tree'; sha: string; size?: number }[] {
  const out: { path: string; mode: string; type: 'blob' | 'tree'; sha: string; size?: number }[] = [];
  const dirs = new Set<string>();
  for (const [p, sha] of entries) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    if (recursive || parts.length === 1)
      out.push({ path: p, mode: '100644', type: 'blob', sha, size: blobs.get(sha)?.length ?? 0 });
  }
  for (const d of dirs) {
    if (!recursive && d.includes('/')) continue;
    out.push({
      path: d,
      mode: '040000',
      type: 'tree',
      sha: createHash('sha1').update(`dir ${d}`).digest('hex'),
    });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}
