/** Links into GitHub's web UI, based on the configured web URL so GitHub Enterprise Server works. */
function base(githubUrl: string): string {
  return githubUrl.replace(/\/+$/, '');
}

function repoUrl(githubUrl: string, owner: string, repo: string): string {
  return `${base(githubUrl)}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
}

export function pullUrl(githubUrl: string, owner: string, repo: string, prNumber: number): string {
  return `${repoUrl(githubUrl, owner, repo)}/pull/${prNumber}`;
}

export function checkRunUrl(githubUrl: string, owner: string, repo: string, checkRunId: number): string {
  return `${repoUrl(githubUrl, owner, repo)}/runs/${checkRunId}`;
}

/** A file's line at a commit; the path's segments are encoded one by one so `/` stays a separator. */
export function lineUrl(githubUrl: string, owner: string, repo: string, sha: string, file: string, line: number): string {
  const path = file.split('/').map(encodeURIComponent).join('/');
  const anchor = line > 0 ? `#L${line}` : '';
  return `${repoUrl(githubUrl, owner, repo)}/blob/${encodeURIComponent(sha)}/${path}${anchor}`;
}
