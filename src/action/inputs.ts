/** The action's inputs (action.yml), checked before anything else runs. */
import { DEFAULT_MAX_READ_MB, parseMaxReadMb } from '../model/index.js';
import { FAIL_ON_VALUES, type FailOn } from '../report/format.js';
import { ActionError } from './event.js';
import { input, type Env } from './runner.js';

export const COMMENT_MODES = ['off', 'summary', 'inline'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

export interface Inputs {
  /** Overrides the config's `fail_on`. */
  failOn?: FailOn;
  /** The config file in the repository, read at the base commit. */
  configPath?: string;
  comment: CommentMode;
  token: string;
  /** What one review may read (`SPOF_REVIEW_MAX_READ_MB` in the step's env, as for the CLI and the app). */
  maxReadMb: number;
}

export const MAX_READ_ENV = 'SPOF_REVIEW_MAX_READ_MB';

export function readInputs(env: Env): Inputs {
  const failOn = input(env, 'fail-on');
  if (failOn && !(FAIL_ON_VALUES as readonly string[]).includes(failOn)) {
    throw new ActionError(`input fail-on must be one of ${FAIL_ON_VALUES.join(', ')}, not "${failOn}"`);
  }
  const comment = input(env, 'comment') || 'inline';
  if (!(COMMENT_MODES as readonly string[]).includes(comment)) throw new ActionError(`input comment must be one of ${COMMENT_MODES.join(', ')}, not "${comment}"`);
  const configPath = input(env, 'config');
  if (configPath && (configPath.startsWith('/') || configPath.split('/').includes('..'))) {
    throw new ActionError(`input config is a path inside the repository (like .github/spof-review.yml), not "${configPath}"`);
  }
  const token = input(env, 'github-token') || env.GITHUB_TOKEN || '';
  if (!token) throw new ActionError('no token: the input github-token is empty (its default is ${{ github.token }})');
  let maxReadMb = DEFAULT_MAX_READ_MB;
  if (env[MAX_READ_ENV]?.trim()) {
    const mb = parseMaxReadMb(env[MAX_READ_ENV]!);
    if (typeof mb === 'string') throw new ActionError(`${MAX_READ_ENV} ${mb}`);
    maxReadMb = mb;
  }
  return { ...(failOn ? { failOn: failOn as FailOn } : {}), ...(configPath ? { configPath } : {}), comment: comment as CommentMode, token, maxReadMb };
}
