import type { Severity } from '../model/index.js';
import { formatSectionDefaults } from './format-sections.js';

/** `.github/spof-review.yml` after validation and defaults (see DESIGN.md "Repo config"). */
export type Config = CoreConfig & FormatSections;

/** The settings of the review itself, whatever the formats. */
export interface CoreConfig {
  /** `false`: the app leaves the repository alone (no check run, no comment, nothing stored for it). */
  enabled: boolean;
  fail_on: Severity | 'never';
  /**
   * The conclusion when something could not be reviewed (an error diagnostic: a file that does not
   * parse, over a size cap, unreadable, or a stack the engine failed on) and no finding fails the check:
   * never `success`, since what was not reviewed must not pass as reviewed.
   */
  on_error: 'neutral' | 'failure';
  paths: { include: string[]; exclude: string[] };
  policy: { rto?: string; rpo?: string };
  ignore: { rule: string; component: string; reason: string }[];
  /** `min_severity`: findings below it get no inline comment (the summary still lists them). */
  comments: { mode: 'update' | 'off'; suggestions: boolean; min_severity: Severity };
  accept_label: string;
  /** Who may accept risk, and on what terms (see DESIGN amendment 53). */
  accept: AcceptPolicy;
  /**
   * Stack path globs -> environment, first match wins (`"examples/**": non-production`). Stacks no
   * glob matches are inferred from their path (`examples`, `tests`, `dev`, `staging`... are not production).
   */
  environments: { glob: string; environment: Environment }[];
  /** The work one review may do before it stops as too large to review (DESIGN amendment 45). */
  limits: Limits;
  /**
   * Team sizes for CODEOWNERS (`"@org/infra": 1`, or the members' logins), by `org/team` in lower case:
   * a team of one is one person. The app asks GitHub and uses these only for teams it could not read.
   */
  teams: Record<string, number | string[]>;
}

/** One entry of `accept.by`: a user, a team (`org/slug`), or the CODEOWNERS owners of the files the findings are in. */
export type Acceptor = { kind: 'user'; login: string } | { kind: 'team'; org: string; slug: string } | { kind: 'codeowners' };

export interface AcceptPolicy {
  /** Empty: anyone with write access to the repository. */
  by: Acceptor[];
  /** Whether the pull request's author may accept its risk. */
  author_may_accept: boolean;
  /** How long an acceptance covers its findings (`30d`); unset: until the pull request closes. */
  expires_after?: string;
  /** An acceptance needs a reason: `/spof-review accept <reason>`. */
  require_reason: boolean;
}

/** Steps (an edge followed, a dependency placed, a blast-radius member listed) and seconds of wall time. */
export interface Limits {
  steps: number;
  seconds: number;
}

export const DEFAULT_LIMITS: Limits = { steps: 50_000_000, seconds: 60 };
/** What a repository may raise the limits to: past these, one pull request would hold a worker too long. */
export const MAX_LIMITS: Limits = { steps: 200_000_000, seconds: 600 };

export type Environment = 'production' | 'non-production';
export const ENVIRONMENTS: readonly Environment[] = ['production', 'non-production'];

/**
 * The formats' own sections (`terraform: { var_files }`), by top-level key. Empty here on purpose: a
 * format with settings adds its section from its own folder (`declare module` in its `settings.ts`).
 */
export interface FormatSections {}

export const DEFAULT_CONFIG: Config = {
  enabled: true,
  fail_on: 'high',
  on_error: 'neutral',
  paths: { include: ['**'], exclude: [] },
  ...formatSectionDefaults(),
  policy: {},
  ignore: [],
  comments: { mode: 'update', suggestions: true, min_severity: 'medium' },
  accept_label: 'spof-accepted',
  accept: { by: [], author_may_accept: false, require_reason: false },
  environments: [],
  teams: {},
  limits: { ...DEFAULT_LIMITS },
};
