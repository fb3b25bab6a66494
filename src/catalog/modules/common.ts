import { UNKNOWN, type ResourceView, type Unknown } from '../entry.js';
import { bool } from '../judging/index.js';

/**
 * Registry modules build nothing when one of their create flags is false (`create`, `create_vpc`, and the
 * `putin_khuylo` flag every terraform-aws-modules module ANDs into it). UNKNOWN when a flag is not evaluable.
 */
export function moduleCreated(r: ResourceView, flags: readonly string[]): boolean | Unknown {
  let unknown = false;
  for (const f of flags) {
    const v = bool(r, f);
    if (v === false) return false;
    if (v === UNKNOWN) unknown = true;
  }
  return unknown ? UNKNOWN : true;
}

/** The module's `applies`: it is judged unless a create flag is false (then it is a connector that builds nothing). */
export function createdBy(flags: readonly string[]): (r: ResourceView) => boolean {
  return (r) => moduleCreated(r, flags) !== false;
}

/** Module type ids: `module:<namespace>/<name>/<provider>` (see `normalizeModuleSource`). */
export function moduleTypes(...sources: string[]): { terraform: readonly string[] } {
  return { terraform: sources.map((s) => `module:${s}`) };
}
