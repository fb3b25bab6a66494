/** What every webhook handler needs: the store to record jobs in, the runner to wake, GitHub for the few that call it. */
import type { RepoRef, Store } from '../../store/types.js';
import type { GitHub } from '../types.js';

export interface HandlerDeps {
  store: Store;
  /** GitHub as the app's installation (handlers that answer or read before recording a job). */
  github(installationId: number): Promise<GitHub>;
  /** Wakes the worker loop after a job was recorded. */
  kick(): void;
}

interface RepoPayload {
  installation?: { id: number } | undefined;
  repository?: { id: number; name: string; owner: { login: string } | null } | undefined;
}

/** The repository an event is about; undefined without an installation (nothing to act as). */
export function refOf(payload: RepoPayload): RepoRef | undefined {
  const repo = payload.repository;
  if (!payload.installation || !repo?.owner) return undefined;
  return { installationId: payload.installation.id, repoId: repo.id, owner: repo.owner.login, repo: repo.name };
}
