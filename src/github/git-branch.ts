import type { GitHubClient } from './octokit.js';

/** A file to write in one commit; `content: null` deletes it. */
export interface BranchFile {
  path: string;
  content: string | null;
}

export interface BranchHead {
  commitSha: string;
  treeSha: string;
}

export interface GitBranchOptions {
  owner: string;
  repo: string;
  branch: string;
  /** Attempts at a fast-forward ref update before giving up (concurrent writers). */
  maxAttempts?: number;
  /** Base delay between attempts (ms, default 250), doubled per attempt and jittered. */
  retryDelayMs?: number;
  log?: (message: string) => void;
}

/**
 * One branch of a repository used as a small database through the git data API (refs, commits,
 * trees, blobs). Writes are compare-and-swap: the ref is moved without force, and when another
 * writer got there first (422, not a fast forward) the change is rebuilt on the new head, so
 * concurrent writers never lose each other's files.
 */
export class GitBranch {
  private treeCache?: { head: string; paths: Map<string, string> };
  private readonly blobCache = new Map<string, string>();

  constructor(
    private readonly gh: GitHubClient,
    readonly opts: GitBranchOptions,
  ) {}

  private get repoArgs(): { owner: string; repo: string } {
    return { owner: this.opts.owner, repo: this.opts.repo };
  }

  /** The branch head, or undefined when the branch does not exist yet. */
  async head(): Promise<BranchHead | undefined> {
    try {
      const ref = await this.gh.rest.git.getRef({ ...this.repoArgs, ref: `heads/${this.opts.branch}` });
      const commit = await this.gh.rest.git.getCommit({ ...this.repoArgs, commit_sha: ref.data.object.sha });
      return { commitSha: commit.data.sha, treeSha: commit.data.tree.sha };
    } catch (err) {
      if ((err as { status?: number }).status === 404) return undefined;
      throw err;
    }
  }

  /**
   * Every file path on the branch (or in one tree) → blob sha. One API call for the whole
   * branch; cached until this instance writes.
   */
  async files(tree?: string): Promise<Map<string, string>> {
    const ish = tree ?? this.opts.branch;
    if (this.treeCache?.head === ish) return this.treeCache.paths;
    let data: { tree: { path?: string; type?: string; sha?: string }[]; truncated: boolean };
    try {
      ({ data } = await this.gh.rest.git.getTree({ ...this.repoArgs, tree_sha: ish, recursive: '1' }));
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 404 || status === 409) return new Map();
      throw err;
    }
    if (data.truncated)
      this.opts.log?.(
        `github: tree of ${this.opts.branch} is truncated (very large history); older records are not listed`,
      );
    const paths = new Map<string, string>();
    for (const e of data.tree) if (e.type === 'blob' && e.path && e.sha) paths.set(e.path, e.sha);
    this.treeCache = { head: ish, paths };
    return paths;
  }

  /** Text of a blob by sha (blobs are immutable, so cached forever). */
  async readBlob(sha: string): Promise<string> {
    const hit = this.blobCache.get(sha);
    if (hit !== undefined) return hit;
    const { data } = await this.gh.rest.git.getBlob({ ...this.repoArgs, file_sha: sha });
    const text = Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
    this.blobCache.set(sha, text);
    return text;
  }

  /** Text of a file at a tree (default: the branch), or undefined. */
  async readText(path: string, tree?: string): Promise<string | undefined> {
    const sha = (await this.files(tree)).get(path);
    return sha ? this.readBlob(sha) : undefined;
  }

  /**
   * Commit the files `build` returns for a head, retrying on the new head when the branch moved.
   * `build` is called again on each attempt so appends are rebased, not overwritten.
   * Returns the new commit sha, or undefined when there was nothing to write.
   */
  async commit(
    build: (head: BranchHead | undefined) => Promise<BranchFile[]>,
    message: string,
  ): Promise<string | undefined> {
    const max = this.opts.maxAttempts ?? 8;
    for (let attempt = 1; ; attempt++) {
      const head = await this.head();
      const files = await build(head);
      if (!files.length) return undefined;
      const tree = await this.gh.rest.git.createTree({
        ...this.repoArgs,
        ...(head ? { base_tree: head.treeSha } : {}),
        tree: files.map((f) =>
          f.content === null
            ? { path: f.path, mode: '100644' as const, type: 'blob' as const, sha: null }
            : { path: f.path, mode: '100644' as const, type: 'blob' as const, content: f.content },
        ),
      });
      const commit = await this.gh.rest.git.createCommit({
        ...this.repoArgs,
        message,
        tree: tree.data.sha,
        parents: head ? [head.commitSha] : [],
      });
      try {
        if (head)
          await this.gh.rest.git.updateRef({
            ...this.repoArgs,
            ref: `heads/${this.opts.branch}`,
            sha: commit.data.sha,
            force: false,
          });
        else
          await this.gh.rest.git.createRef({
            ...this.repoArgs,
            ref: `refs/heads/${this.opts.branch}`,
            sha: commit.data.sha,
          });
        this.treeCache = undefined;
        return commit.data.sha;
      } catch (err) {
        if ((err as { status?: number }).status !== 422 || attempt >= max) {
          if ((err as { status?: number }).status === 422)
            throw new Error(
              `${this.opts.branch}: gave up after ${attempt} attempts, the branch kept moving (concurrent writers)`,
              { cause: err },
            );
          throw err;
        }
        this.opts.log?.(`github: ${this.opts.branch} moved while writing (attempt ${attempt}); rebasing`);
        // Exponential back-off with full jitter: racing writers spread out instead of colliding again.
        const base = this.opts.retryDelayMs ?? 250;
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(8000, base * 2 ** attempt)));
      }
    }
  }
}
