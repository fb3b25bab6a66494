import type { Format, Role } from '../model/index.js';
import type { CatalogEntry } from './entry.js';
import { judgeRegional } from './judging/index.js';
import { REGIONAL_RECOVERY } from './recovery.js';

/* Entry builders for the many types that carry no redundancy of their own. */

type Types = Partial<Record<Format, readonly string[]>>;

/** Connectors pass failure through without failing themselves (subnets, route tables, security groups). */
export function connector(id: string, title: string, types: Types, extra: Partial<CatalogEntry> = {}): CatalogEntry {
  return { id, title, role: 'connector', types, ...extra };
}

/** Passive references do not carry failure (IAM, KMS, log groups, parameter groups, random values). */
export function passive(id: string, title: string, types: Types, extra: Partial<CatalogEntry> = {}): CatalogEntry {
  return { id, title, role: 'passive', types, ...extra };
}

/** Regional managed services: never SPOFs by themselves; they still depend on what they reference. */
export function regional(id: string, title: string, role: Role, types: Types, impact: string, extra: Partial<CatalogEntry> = {}): CatalogEntry {
  return { id, title, role, types, regional: true, judge: judgeRegional, recovery: REGIONAL_RECOVERY, impact, ...extra };
}
