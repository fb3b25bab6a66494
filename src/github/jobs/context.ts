/** What a running job has at hand. */
import type { Logger } from 'probot';
import type { Config } from '../../config/types.js';
import type { ReviewJob, Store } from '../../store/types.js';
import type { GitHub, GitHubApi, RepoCoords } from '../types.js';
import { APP_RAISE, type BlobCache } from '../fetch/blobs.js';
import { ReadBudget } from '../../model/index.js';
import type { Engine } from './engine-pool.js';

export interface JobContext {
  job: ReviewJob;
  gh: GitHub;
  coords: RepoCoords;
  store: Store;
  log: Logger;
  /** Runs the engine (on a worker thread unless the runner has none). */
  engine: Engine;
  /** Throws `JobLost` when the job was superseded or taken over: nothing more may be published. */
  alive(): void;
  /** The repository's config once the job has read it (a failure ends the check per its `on_error`). */
  config?: Config;
  /** The most one review reads, in MB (SPOF_REVIEW_MAX_READ_MB); the default when unset. */
  maxReadMb?: number;
}

/** The blob budget of one review of this job. */
export function readBudget(ctx: Pick<JobContext, 'maxReadMb'>): ReadBudget {
  return new ReadBudget(ctx.maxReadMb, APP_RAISE);
}

/** The job is no longer ours (superseded by a newer push, or its lease went to another worker). */
export class JobLost extends Error {
  constructor(jobId: number) {
    super(`job ${jobId} was superseded or taken over`);
  }
}

/** The store's blob cache, recording which repository each blob was read from (a purge of the repository removes it). */
export function blobCache(store: Store, job: ReviewJob): BlobCache {
  return { blob: (sha) => store.blob(sha), putBlob: (sha, text) => store.putBlob(sha, text, { installationId: job.installationId, repoId: job.repoId }) };
}

export function repoRef(job: ReviewJob) {
  return { installationId: job.installationId, repoId: job.repoId, owner: job.owner, repo: job.repo };
}

/** The web address of a file line at a commit, for links in the check run summary. */
export function blobLink(gh: GitHubApi, coords: RepoCoords, sha: string): (file: string, line: number) => string {
  const api = String(gh.request.endpoint.DEFAULTS.baseUrl ?? 'https://api.github.com');
  const web = api === 'https://api.github.com' ? 'https://github.com' : api.replace(/\/api\/v3\/?$/, '');
  const enc = (p: string) => p.split('/').map(encodeURIComponent).join('/');
  return (file, line) => `${web}/${enc(coords.owner)}/${enc(coords.repo)}/blob/${sha}/${enc(file)}#L${line}`;
}
