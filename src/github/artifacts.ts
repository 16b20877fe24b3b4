import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { GitHubClient } from './octokit.js';

/** Every file under the out dir (evidence, report.md, junit.xml, sarif, raw tool output). */
export async function collectOutFiles(outDir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && !e.name.endsWith('.tmp')) out.push(p);
    }
  }
  await walk(path.resolve(outDir));
  return out.sort();
}

export interface ArtifactUploadResult {
  uploaded: boolean;
  files: number;
  id?: number;
  /** Why nothing was uploaded (not on a runner). */
  skipped?: string;
}

/**
 * Upload the out dir as a workflow artifact, so raw evidence outlives the job (and a fork PR's
 * evidence can be published by a `workflow_run` follow-up). Only on an Actions runner.
 */
export async function uploadOutDir(
  outDir: string,
  name: string,
  opts: { retentionDays?: number } = {},
): Promise<ArtifactUploadResult> {
  const files = await collectOutFiles(outDir);
  if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL)
    return { uploaded: false, files: files.length, skipped: 'not on a GitHub Actions runner' };
  const { DefaultArtifactClient } = await import('@actions/artifact');
  const res = await new DefaultArtifactClient().uploadArtifact(name, files, path.resolve(outDir), {
    retentionDays: opts.retentionDays,
  });
  return { uploaded: true, files: files.length, id: res.id };
}

export interface SarifUploadResult {
  file: string;
  uploaded: boolean;
  id?: string;
  skipped?: string;
}

/**
 * Upload SARIF to code scanning (`POST /repos/{o}/{r}/code-scanning/sarifs`, gzip + base64).
 * Needs `security-events: write` and code scanning enabled; a 403 is a notice, not a failure.
 */
export async function uploadSarif(
  gh: GitHubClient,
  o: { owner: string; repo: string; sha: string; ref: string; file: string },
): Promise<SarifUploadResult> {
  const sarif = gzipSync(await readFile(o.file)).toString('base64');
  try {
    const { data } = await gh.rest.codeScanning.uploadSarif({
      owner: o.owner,
      repo: o.repo,
      commit_sha: o.sha,
      ref: o.ref,
      sarif,
      tool_name: 'opsgate',
    });
    return { file: o.file, uploaded: true, id: data.id };
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 403 || status === 404)
      return {
        file: o.file,
        uploaded: false,
        skipped: `code scanning upload not allowed (${status}: ${(err as Error).message.split('\n')[0]}); needs security-events: write and code scanning enabled`,
      };
    throw err;
  }
}

/** SARIF files the checks wrote (`out/sarif/*.sarif`). */
export async function sarifFiles(outDir: string): Promise<string[]> {
  try {
    return (await readdir(path.join(outDir, 'sarif')))
      .filter((f) => f.endsWith('.sarif') || f.endsWith('.sarif.json'))
      .sort()
      .map((f) => path.join(outDir, 'sarif', f));
  } catch {
    return [];
  }
}
