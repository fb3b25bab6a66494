import type { Config, Environment } from '../config/types.js';
import { globMatcher, severityRank, type Finding, type Severity } from '../model/index.js';

/** Where a stack runs, and what decided it (said in the finding, so a reader can correct it). */
export interface StackEnvironment {
  environment: Environment;
  /** `config environments "examples/**"`, or `path segment "examples"`; absent for the default. */
  because?: string;
}

/**
 * Path segments (whole, or one `-`/`_`/`.`-separated word of one) that mark a stack that does not
 * serve production: a module library's examples and tests, sandboxes, development and staging
 * environments, load-testing rigs. Deliberately single-instance setups live there.
 */
const NON_PRODUCTION_WORDS: ReadonlySet<string> = new Set([
  'example', 'examples', 'sample', 'samples', 'demo', 'demos',
  'test', 'tests', 'testing', 'e2e', 'fixture', 'fixtures', 'testdata',
  'sandbox', 'playground', 'dev', 'develop', 'development',
  'staging', 'stage', 'stg', 'qa', 'uat', 'preprod', 'nonprod',
  // Load generators: a single Gatling or Locust box is a test rig, not something users depend on.
  'loadtest', 'loadtesting', 'perftest', 'benchmark', 'benchmarks', 'gatling', 'jmeter', 'locust',
]);

/**
 * Words of a repository's name that say the whole repository is teaching material, not an estate:
 * `argocd-example-apps`, `eks-workshop-v2`, `microservices-demo`. Narrower than the path words: a
 * repository named `infra-dev` or `platform-test` may still deploy production.
 */
const NON_PRODUCTION_REPOSITORY_WORDS: ReadonlySet<string> = new Set([
  'example', 'examples', 'sample', 'samples', 'demo', 'demos', 'workshop', 'workshops',
  'tutorial', 'tutorials', 'playground', 'sandbox', 'training',
]);

/** Lowers a finding's severity and records why, keeping the first severity it had. */
export function rate(finding: Finding, to: Severity, because: string): void {
  finding.rated = { from: finding.rated?.from ?? finding.severity, because: finding.rated ? `${finding.rated.because}; ${because}` : because };
  finding.severity = to;
}

/** The most a finding in a non-production stack is rated: informational, never failing a default check. */
export const NON_PRODUCTION_CEILING: Severity = 'low';

export class EnvironmentResolver {
  private readonly rules: { glob: string; environment: Environment; match: (path: string) => boolean }[];
  private readonly cache = new Map<string, StackEnvironment>();

  private readonly repositoryWord: string | undefined;

  /** `repository`: `owner/name` (or a name) of the repository the files come from, when known. */
  constructor(
    config: Pick<Config, 'environments'>,
    private readonly repository?: string,
  ) {
    this.rules = config.environments.map((rule) => ({ ...rule, match: globMatcher(rule.glob) }));
    const name = repository?.split('/').pop()?.toLowerCase() ?? '';
    this.repositoryWord = name.split(/[-_.]/).find((w) => NON_PRODUCTION_REPOSITORY_WORDS.has(w));
  }

  /** The config's first matching glob decides; else any non-production path word; else the repository's name; else production. */
  of(stack: string): StackEnvironment {
    let found = this.cache.get(stack);
    if (!found) {
      found = this.resolve(stack);
      this.cache.set(stack, found);
    }
    return found;
  }

  private resolve(stack: string): StackEnvironment {
    for (const rule of this.rules) {
      if (rule.match(stack)) return { environment: rule.environment, because: `config environments "${rule.glob}"` };
    }
    for (const segment of stack.split('/')) {
      const lower = segment.toLowerCase();
      const word = NON_PRODUCTION_WORDS.has(lower) ? lower : lower.split(/[-_.]/).find((w) => NON_PRODUCTION_WORDS.has(w));
      if (word !== undefined) return { environment: 'non-production', because: `path segment "${segment}"` };
    }
    if (this.repositoryWord !== undefined) return { environment: 'non-production', because: `repository name "${this.repository}"` };
    return { environment: 'production' };
  }
}

/** The severity something of this stack is rated: at most NON_PRODUCTION_CEILING outside production. */
export function ratedIn(env: StackEnvironment, severity: Severity): Severity {
  return env.environment === 'non-production' && severityRank(severity) > severityRank(NON_PRODUCTION_CEILING) ? NON_PRODUCTION_CEILING : severity;
}

/**
 * Findings of non-production stacks are informational: capped at NON_PRODUCTION_CEILING, and the
 * message says why, so a stack that does serve production can be mapped in the config.
 */
export function rateByEnvironment(findings: Finding[], environments: EnvironmentResolver): void {
  for (const finding of findings) {
    const env = environments.of(finding.component.stack);
    finding.environment = env.environment;
    const rated = ratedIn(env, finding.severity);
    if (finding.kind === 'resolved-spof' || rated === finding.severity) continue;
    rate(finding, rated, `stack ${finding.component.stack} is not production (${env.because}); map it with \`environments\` in the config if it is`);
  }
}
