import { severityRank, type Finding } from '../model/index.js';
import { rate, type EnvironmentResolver } from './environment.js';

/**
 * A stack whose path says it is single on purpose (`zk-single-kafka-multiple.yml`, `standalone/`,
 * `single-node`, `all-in-one`) is a topology someone chose, usually one of several variants side by
 * side: its single instances are the point, not an accident a reviewer needs to hear about as high.
 * `single` followed by a scope word (`single-region`, `single-account`) says nothing about instances.
 */
const SINGLE_WORDS: ReadonlySet<string> = new Set(['single', 'standalone', 'singlenode', 'allinone', 'solo']);
const SCOPE_WORDS: ReadonlySet<string> = new Set(['region', 'account', 'tenant', 'zone', 'az', 'subscription', 'project', 'cluster', 'page', 'sign', 'file']);
const CEILING = 'low' as const;

/** The path segment of a stack that declares a deliberately single setup, if any. */
export function declaredSingle(stack: string): string | undefined {
  for (const segment of stack.split('/')) {
    const words = segment.toLowerCase().split(/[-_.]/);
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (w === 'all' && words[i + 1] === 'in' && words[i + 2] === 'one') return segment;
      if (!SINGLE_WORDS.has(w)) continue;
      if (w === 'single' && SCOPE_WORDS.has(words[i + 1] ?? '')) continue;
      return segment;
    }
  }
  return undefined;
}

/**
 * New single instances (and what newly depends on them) in a declared single setup are informational.
 * A redundancy cut is still reported as it is: having had more is not what the name declares. A stack
 * the config maps to an environment is judged by that mapping only.
 */
export function rateDeclaredSingles(findings: Finding[], environments: EnvironmentResolver): void {
  for (const finding of findings) {
    if (finding.kind !== 'new-spof' && finding.kind !== 'blast-radius-grown') continue;
    if (environments.of(finding.component.stack).because?.startsWith('config ')) continue;
    if (severityRank(finding.severity) <= severityRank(CEILING)) continue;
    const segment = declaredSingle(finding.component.stack);
    if (segment === undefined) continue;
    rate(finding, CEILING, `stack ${finding.component.stack} is single on purpose (path segment "${segment}"); map it with \`environments\` in the config if it serves production`);
  }
}
