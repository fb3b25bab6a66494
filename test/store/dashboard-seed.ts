import type { Finding } from '../../src/model/index.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import type { InventorySpofRecord, RepoRef } from '../../src/store/types.js';
import { finding, sampleReview } from './fixtures.js';

/** Writes what the app writes, through the store's own methods: a review is a job and its saved review. */
export class Seeder {
  private n = 0;
  constructor(readonly store: KyselyStore) {}

  async review(ref: RepoRef, prNumber: number, findings: Finding[], opts: { owners?: Record<string, string[]>; checkRunId?: number; diagram?: string } = {}) {
    const headSha = (++this.n).toString(16).padStart(40, '0');
    const { job } = await this.store.enqueue({ ...ref, prNumber, headSha, baseSha: 'b'.repeat(40), trigger: 'pull_request', deliveryId: `delivery-${this.n}` });
    if (opts.checkRunId !== undefined) await this.store.setCheckRun(job.id, opts.checkRunId);
    return this.store.saveReview({
      ...ref, jobId: job.id, prNumber, headSha, baseSha: 'b'.repeat(40), conclusion: sampleReview(findings).conclusion, review: sampleReview(findings),
      ...(opts.owners ? { owners: opts.owners } : {}), ...(opts.diagram ? { diagram: opts.diagram } : {}),
    });
  }
}

/** A finding of its own fingerprint, in `file`. */
export function flagged(fingerprint: string, overrides: Partial<Finding> = {}): Finding {
  const file = overrides.location?.file ?? 'envs/prod/db.tf';
  return finding({ fingerprint, component: { id: `aws_db_instance.${fingerprint}`, type: 'aws_db_instance', format: 'terraform', stack: 'envs/prod' }, location: { file, startLine: 3, endLine: 9 }, ...overrides });
}

export function spof(fingerprint: string, overrides: Partial<InventorySpofRecord> = {}): InventorySpofRecord {
  return {
    fingerprint, severity: 'high', rule: 'aws.rds.single-az', componentId: `aws_db_instance.${fingerprint}`, stack: 'envs/prod',
    file: 'envs/prod/db.tf', line: 3, title: `instance SPOF: aws_db_instance.${fingerprint}`, ...overrides,
  };
}
