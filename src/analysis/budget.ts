/**
 * The work one review may do (issue 10): a count of steps (an edge followed, a dependency placed, a
 * member listed) and, checked every few thousand steps, a wall-clock deadline. Past either, the review
 * stops with `TooLargeToReview`, which `review()` turns into an error diagnostic: what was not reviewed
 * never passes as reviewed, and a worker never stalls on one pull request.
 */
export interface Limits {
  /** Steps one review (or scan) may take. */
  steps: number;
  /** Seconds of wall time one review may take. */
  seconds: number;
}

export const DEFAULT_LIMITS: Limits = { steps: 20_000_000, seconds: 60 };
/** What a repository's config may raise the limits to: past these, one pull request holds a worker too long. */
export const MAX_LIMITS: Limits = { steps: 200_000_000, seconds: 600 };

export class TooLargeToReview extends Error {
  constructor(readonly limit: 'steps' | 'seconds', readonly value: number) {
    super(limit === 'steps' ? `more than ${value.toLocaleString('en-US')} steps of work` : `more than ${value} s of work`);
    this.name = 'TooLargeToReview';
  }
}

/** How often (in steps) the clock is read: reading it is far dearer than a step. */
const CLOCK_EVERY = 1 << 14;

export class Budget {
  private used = 0;
  private nextClock = CLOCK_EVERY;
  private readonly deadline: number;

  constructor(
    readonly limits: Limits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.deadline = now() + limits.seconds * 1000;
  }

  /** Unlimited: for callers that analyse one small snapshot outside a review. */
  static unlimited(): Budget {
    return new Budget({ steps: Number.POSITIVE_INFINITY, seconds: Number.POSITIVE_INFINITY });
  }

  get steps(): number {
    return this.used;
  }

  charge(n = 1): void {
    this.used += n;
    if (this.used > this.limits.steps) throw new TooLargeToReview('steps', this.limits.steps);
    if (this.used >= this.nextClock) {
      this.nextClock = this.used + CLOCK_EVERY;
      if (this.now() > this.deadline) throw new TooLargeToReview('seconds', this.limits.seconds);
    }
  }
}
