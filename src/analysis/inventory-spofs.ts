import type { Severity } from '../model/index.js';
import type { Inventory } from './api.js';
import { recoveryOf } from './diff.js';
import { fingerprint } from './fingerprint.js';

/** What names a SPOF or finding wherever it is recorded: its identity, rule and the line it points at. */
export interface SpofFacts {
  fingerprint: string;
  severity: Severity;
  rule: string;
  componentId: string;
  stack: string;
  file: string;
  line: number;
  title: string;
}

/** One SPOF of an inventory as the dashboard records it (the store's InventorySpofRecord, without owners). */
export interface InventorySpofRow extends SpofFacts {
  /** Distinct components and entry points that fail with it. */
  blastRadius: number;
  rto?: string;
  rpo?: string;
}

/** The SPOFs of an inventory as rows: the fingerprint a PR adding it would carry, blast radius and the catalog's recovery estimate. */
export function inventorySpofRows(inventory: Inventory): InventorySpofRow[] {
  return inventory.spofs.map((s) => ({
    fingerprint: fingerprint('new-spof', s.component.stack, s.component.id, s.component.rule),
    severity: s.severity,
    rule: s.component.rule,
    componentId: s.component.id,
    stack: s.component.stack,
    file: s.component.location.file,
    line: s.component.location.startLine,
    title: `${s.kinds.join(' + ')} SPOF: ${s.component.id}`,
    blastRadius: new Set([...s.blastRadius.dependents, ...s.blastRadius.entryPoints]).size,
    ...recoveryOf(s.component),
  }));
}
