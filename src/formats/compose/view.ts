/** ResourceView over a compose service: what a catalog entry reads (`images.ts`, `compose.ts`). */
import { UNKNOWN, type ResourceView } from '../../catalog/entry.js';
import type { AttributeSite, SourceRange } from '../../model/index.js';
import type { SourceLines } from '../shared/lines.js';
import type { ReplicaDecision } from './service.js';

export class ComposeView implements ResourceView {
  readonly format = 'compose' as const;
  /** Every compose resource is a service, whatever image (and catalog entry) judges it. */
  readonly type = 'service';

  constructor(
    readonly id: string,
    readonly location: SourceRange,
    /** Containers declared (members of a cluster counted together); null when unknown. */
    readonly count: number | null,
    private readonly decision: ReplicaDecision,
    private readonly lines: SourceLines,
  ) {}

  get(key: string): unknown {
    if (key !== 'replicas') return undefined;
    return this.count === null ? UNKNOWN : this.count;
  }

  site(key: string): AttributeSite | undefined {
    if (key !== 'replicas') return undefined;
    // Where the value is written: the `.env` line of a `${VAR}` it comes from, else the field's line.
    const origin = this.decision.node?.origin;
    const at = origin?.source === 'env' && origin.site ? origin.site : this.decision.site;
    const site: AttributeSite = {
      attribute: this.decision.attribute,
      value: this.decision.count ?? undefined,
      site: { file: at.file, startLine: at.line, endLine: at.line },
    };
    const text = this.lines.line(at.file, at.line);
    if (text !== undefined) site.text = text;
    return site;
  }

  zones(): null {
    // Compose places containers on one Docker host (or a swarm it does not describe): zones are unknown.
    return null;
  }

  length(): null {
    return null;
  }
}
