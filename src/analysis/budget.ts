/**
 * The work one review may do (issue 10): a count of steps (an edge followed, a dependency placed, a
 * member listed) and, checked every few thousand steps, a wall-clock deadline. Past either, the review
 * stops with `TooLargeToReview`, which `review()` turns into an error diagnostic: what was not reviewed
 * never passes as reviewed, and a worker never stalls on one pull request.
 */
import { DEFAULT_LIMITS, type Limits } from '../config/types.js';

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
  readonly limits: Limits;

  constructor(
    limits: Partial<Limits> = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.deadline = now() + this.limits.seconds * 1000;
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
