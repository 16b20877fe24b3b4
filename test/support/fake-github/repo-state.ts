import { FakeGitObjects } from './git-objects.js';

export interface FakeLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface FakeIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  /** Set for pull requests: GitHub's issues endpoints list PRs too. */
  pull_request?: { url: string };
  /** Pull requests only: the commits `GET /pulls/{n}` reports. */
  head_sha?: string;
  base_sha?: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** Login of the account that opened it (`github-actions[bot]` when not given). */
  author?: string;
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  created_at: string;
  updated_at: string;
  /** Login of the account that wrote it (`github-actions[bot]` when not given). */
  author?: string;
}

export interface SarifUpload {
  id: string;
  commit_sha: string;
  ref: string;
  tool_name?: string;
  /** Decoded (gunzipped) SARIF document. */
  sarif: unknown;
}

/** Everything one fake repository holds. Tests read it directly to assert what was posted. */
export class FakeRepo {
  readonly labels = new Map<string, FakeLabel>();
  readonly issues: FakeIssue[] = [];
  readonly comments: FakeComment[] = [];
  readonly sarifs: SarifUpload[] = [];
  readonly git = new FakeGitObjects();
  /** Simulates a repository without GitHub Advanced Security: SARIF uploads get 403. */
  codeScanningEnabled = true;
  /** What `GET /repos/{owner}/{repo}` reports: trust needs the real default branch. */
  defaultBranch = 'main';

  constructor(readonly fullName: string) {
    // A repository is never empty on GitHub; give it a default branch.
    const blob = this.git.putBlob(Buffer.from('# demo\n'));
    const tree = this.git.putTree(new Map([['README.md', blob]]));
    this.git.refs.set('refs/heads/main', this.git.putCommit(tree, [], 'initial commit').sha);
  }

  /** Open a pull request (an issue with `pull_request` set), as a PR event would reference. */
  openPullRequest(title = 'Change', shas: { head?: string; base?: string } = {}): FakeIssue {
    const now = new Date().toISOString();
    const pr: FakeIssue = {
      id: this.issues.length + 1000,
      number: this.issues.length + 1,
      title,
      body: '',
      state: 'open',
      state_reason: null,
      labels: [],
      pull_request: { url: `pulls/${this.issues.length + 1}` },
      head_sha: shas.head ?? 'a'.repeat(40),
      base_sha: shas.base ?? 'b'.repeat(40),
      created_at: now,
      updated_at: now,
      closed_at: null,
    };
    this.issues.push(pr);
    return pr;
  }

  issuesOnly(): FakeIssue[] {
    return this.issues.filter((i) => !i.pull_request);
  }

  /** A comment written by someone else (a human quoting a marker), for "never edited" tests. */
  addComment(issue: number, body: string, author: string): FakeComment {
    const now = new Date().toISOString();
    const c: FakeComment = {
      id: 900_000 + this.comments.length,
      issue,
      body,
      created_at: now,
      updated_at: now,
      author,
    };
    this.comments.push(c);
    return c;
  }

  commentsOn(issue: number): FakeComment[] {
    return this.comments.filter((c) => c.issue === issue);
  }

  /** Text of a file on a branch, read from the git objects. */
  readFile(branch: string, path: string): string | undefined {
    const tree = this.git.resolveTree(branch);
    const sha = tree?.entries.get(path);
    return sha ? this.git.blobs.get(sha)?.toString('utf8') : undefined;
  }

  filesOn(branch: string): string[] {
    return [...(this.git.resolveTree(branch)?.entries.keys() ?? [])];
  }
}
