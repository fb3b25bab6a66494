/**
 * What could not be evaluated statically, said the same way by every format: one wording for the
 * warning, and the warnings of the formats that track which decisive reads were unknown.
 */
import type { Judgement, ResourceView } from '../../catalog/entry.js';
import type { AttributeSite, Component, Format, SourceRange, Zones } from '../../model/index.js';
import { failsAlone, type Warn } from './judge.js';
import type { LineSpan } from './lines.js';

/** A decisive read whose value was unknown (or a placement that could not be resolved), with why and where. */
export interface UnknownRead {
  key: string;
  path: string;
  why: string | undefined;
  site: LineSpan | undefined;
}

/** A view over evaluated values that records the reads an entry made that were unknown (Terraform, CloudFormation). */
export abstract class ReadTrackingView implements ResourceView {
  abstract readonly format: Format;
  /** Reads that were unknown, by key. */
  readonly unknownReads = new Map<string, UnknownRead>();
  /** Placement keys that could not be resolved, with why. */
  readonly unresolvedZones = new Map<string, UnknownRead>();

  constructor(
    readonly type: string,
    readonly id: string,
    readonly location: SourceRange,
    readonly count: number | null,
  ) {}

  abstract get(key: string): unknown;
  abstract site(key: string): AttributeSite | undefined;
  abstract zones(keys: readonly string[]): Zones | null;
  abstract length(key: string): number | null;
}

export const REDUNDANCY_UNKNOWN = 'its redundancy is unknown';

/** `<what> of <id> could not be evaluated[ (<shown>)]: <reason>`: the one wording of this warning. */
export function notEvaluated(what: string, id: string, reason: string, shown?: string): string {
  return `${what} of ${id} could not be evaluated${shown === undefined ? '' : ` (${shown})`}: ${reason}`;
}

/** The reason of a value that depends on something unknown: `uses data.aws_ssm_parameter.ha`. */
export function uses(why: string | undefined): string {
  return `uses ${why ?? 'a value that is not known statically'}`;
}

/** One warning per decisive key whose value was unknown, or whose placement decided nothing, for a component that can fail alone. */
export function warnUnknownReads(component: Component, judgement: Judgement | undefined, view: ReadTrackingView, warn: Warn): void {
  if (!judgement || !failsAlone(component)) return;
  const at = (read: UnknownRead) => [read.site?.file ?? view.location.file, read.site?.start ?? view.location.startLine] as const;
  for (const key of judgement.decisive) {
    const read = view.unknownReads.get(key);
    if (read) {
      warn(...at(read), notEvaluated(read.path, component.id, uses(read.why)));
      continue;
    }
    const zones = view.unresolvedZones.get(key);
    if (zones && component.redundancy.zones === null) {
      warn(...at(zones), `zones of ${component.id} could not be resolved from ${zones.path}: ${uses(zones.why)}`);
    }
  }
}
