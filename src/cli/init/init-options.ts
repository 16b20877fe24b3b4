import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ConfigError } from '../../core/errors.js';

const git = promisify(execFile);

/** GitHub's owner (user or org, ≤39 chars) / repository name rules. */
const REPO = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?\/[A-Za-z0-9._-]{1,100}$/;
/** A tag, branch or commit SHA: git's ref-name rules, kept to characters safe in `uses:`. */
const REF = /^[A-Za-z0-9_](?:[A-Za-z0-9._/-]{0,253}[A-Za-z0-9_])?$/;

function badRef(ref: string): boolean {
  return !REF.test(ref) || /\.\.|\/\/|\/\.|\.lock$|\.lock\//.test(ref);
}

/** `--action-repo OWNER/REPO`: exit 2 with the reason when it is not a GitHub repository name. */
export function checkActionRepo(repo: string): string {
  const name = repo.split('/')[1];
  if (!REPO.test(repo) || name === '.' || name === '..')
    throw new ConfigError(
      `--action-repo "${repo}" is not a GitHub repository: expected OWNER/REPO, e.g. acme/opsgate`,
    );
  return repo;
}

/** `--action-ref` / `--default-branch`: a tag, branch or SHA; `OWNER/REPO@REF` gets the split spelled out. */
export function checkRef(flag: string, ref: string): string {
  const combined = /^([^@\s]+\/[^@\s]+)@(\S+)$/.exec(ref);
  if (combined)
    throw new ConfigError(
      `${flag} "${ref}" names a repository too: use --action-repo ${combined[1]} ${flag} ${combined[2]}`,
    );
  if (badRef(ref))
    throw new ConfigError(
      `${flag} "${ref}" is not a tag, branch or commit SHA (e.g. v1.2.3, main or a 40-hex SHA)`,
    );
  return ref;
}

async function gitOut(dir: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await git('git', ['-C', dir, ...args], { timeout: 5000 });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The branch pushes record baselines on: the remote's default (`origin/HEAD`); in a repository
 * without commits, the branch `git init` named; then `init.defaultBranch` or main/master when
 * such a local branch exists; then the current branch; `main` outside git.
 */
export async function detectDefaultBranch(dir: string): Promise<string> {
  const remote = await gitOut(dir, ['symbolic-ref', '--short', 'refs/remotes/origin/HEAD']);
  if (remote) return remote.replace(/^origin\//, '');
  const current = await gitOut(dir, ['symbolic-ref', '--short', 'HEAD']);
  const hasCommits = Boolean(await gitOut(dir, ['rev-parse', '--verify', '--quiet', 'HEAD']));
  if (current && !hasCommits) return current;
  const configured = await gitOut(dir, ['config', 'init.defaultBranch']);
  for (const candidate of [configured, 'main', 'master'])
    if (candidate && (await gitOut(dir, ['rev-parse', '--verify', '--quiet', `refs/heads/${candidate}`])))
      return candidate;
  return current ?? 'main';
}
