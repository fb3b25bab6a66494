/**
 * Safeguards beside redundancy (DESIGN: "Safeguards"), written once for the entries that carry them: a
 * dead-letter queue isolates a message its consumers cannot process; backups, point-in-time recovery,
 * versioning and replication are recoverable copies of a data store's data. Multi-AZ does not protect
 * against a deletion or a corrupting write; only a copy in time or elsewhere does.
 */
import type { ResourceView, SafeguardSpec } from './entry.js';
import { asBool, asNumber, asString, isUnknown } from './judging/values.js';

type Judged = ReturnType<SafeguardSpec['judge']>;

/** Set to anything (even a value known only at deploy time) is present; absent, null or empty is not. */
function written(r: ResourceView, key: string): Judged {
  const v = r.get(key);
  if (isUnknown(v)) return { present: true };
  if (v === undefined || v === null || v === '') return { present: false };
  if (Array.isArray(v)) return { present: v.length > 0 };
  if (typeof v === 'object') return { present: Object.keys(v).length > 0 };
  return { present: true };
}

/** A boolean switch; `absent` is the provider's default when it is not written. */
function switched(r: ResourceView, key: string, absent: boolean): Judged {
  const v = asBool(r.get(key));
  if (isUnknown(v)) return undefined;
  return { present: v ?? absent };
}

export function deadLetter(key: string, opts: { types?: readonly string[]; guardsReferenced?: string; fix?: string } = {}): SafeguardSpec {
  return {
    id: 'dead-letter',
    kind: 'isolation',
    what: 'a dead-letter queue',
    fix: opts.fix ?? 'restore the dead-letter target (redrive policy)',
    key,
    ...(opts.types ? { types: opts.types } : {}),
    ...(opts.guardsReferenced ? { guardsReferenced: opts.guardsReferenced } : {}),
    judge: (r) => written(r, key),
  };
}

/** Automated backups kept `key` days; `absentDays` is the service default when it is not written. */
export function backupDays(key: string, absentDays: number, fix = 'keep automated backups (a retention of at least 7 days)'): SafeguardSpec {
  return {
    id: 'backups',
    kind: 'copy',
    what: 'automated backups',
    fix,
    key,
    judge: (r) => {
      const days = asNumber(r.get(key));
      if (isUnknown(days)) return undefined;
      const kept = days ?? absentDays;
      return kept > 0 ? { present: true, detail: `${kept} day${kept === 1 ? '' : 's'}` } : { present: false };
    },
  };
}

export function enabledCopy(id: string, what: string, key: string, absent: boolean, fix: string, opts: { types?: readonly string[]; guardsReferenced?: string } = {}): SafeguardSpec {
  return { id, kind: 'copy', what, fix, key, ...opts, judge: (r) => switched(r, key, absent) };
}

/** A copy configured by a block or a companion resource that exists: written is present. */
export function writtenCopy(id: string, what: string, key: string, fix: string, opts: { types?: readonly string[]; guardsReferenced?: string } = {}): SafeguardSpec {
  return { id, kind: 'copy', what, fix, key, ...opts, judge: (r) => written(r, key) };
}

/** S3 versioning written as a status (`Enabled`, `Suspended`, `Disabled`). */
export function versioningStatus(key: string, opts: { types?: readonly string[]; guardsReferenced?: string } = {}): SafeguardSpec {
  return {
    id: 'versioning',
    kind: 'copy',
    what: 'object versioning',
    fix: 'set the versioning status back to Enabled',
    key,
    ...opts,
    judge: (r) => {
      const status = asString(r.get(key));
      if (isUnknown(status)) return undefined;
      return { present: status === 'Enabled' };
    },
  };
}

/**
 * A retention block (`delete_retention_policy { days = 7 }`): written is present, kept `days` (or
 * `absentDays` when the block leaves it out); not written is off.
 */
export function retentionBlock(id: string, what: string, key: string, absentDays: number, fix: string, opts: { types?: readonly string[] } = {}): SafeguardSpec {
  return {
    id,
    kind: 'copy',
    what,
    fix,
    key,
    ...opts,
    judge: (r) => {
      const block = written(r, key);
      if (!block?.present) return block;
      const days = asNumber(r.get(`${key}.days`));
      if (isUnknown(days)) return { present: true };
      const kept = days ?? absentDays;
      return { present: true, detail: `${kept} day${kept === 1 ? '' : 's'}` };
    },
  };
}

/**
 * Key Vault soft delete: always on since azurerm 3 (`soft_delete_retention_days`, 7 to 90, default 90); the
 * 2.x `soft_delete_enabled = false` switched it off.
 */
export function keyVaultSoftDelete(): SafeguardSpec {
  return {
    id: 'soft-delete',
    kind: 'copy',
    what: 'soft delete',
    fix: 'keep soft delete on (soft_delete_retention_days of 7 to 90)',
    key: 'soft_delete_retention_days',
    decidedBy: ['soft_delete_enabled'],
    judge: (r) => {
      const enabled = asBool(r.get('soft_delete_enabled'));
      if (isUnknown(enabled)) return undefined;
      if (enabled === false) return { present: false };
      const days = asNumber(r.get('soft_delete_retention_days'));
      if (isUnknown(days)) return { present: true };
      const kept = days ?? 90;
      return { present: true, detail: `${kept} day${kept === 1 ? '' : 's'}` };
    },
  };
}
