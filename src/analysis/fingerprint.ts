import { createHash } from 'node:crypto';
import type { FindingKind } from '../model/index.js';

/** Stable across pushes and line moves: only what the finding is about, never where it is. */
export function fingerprint(kind: FindingKind, stack: string, componentId: string, rule: string): string {
  return createHash('sha256').update(`${kind}\u0000${stack}\u0000${componentId}\u0000${rule}`).digest('hex').slice(0, 20);
}
