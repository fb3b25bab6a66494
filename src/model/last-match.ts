/**
 * The last of an ordered list of glob rules that matches a path (CODEOWNERS: the last matching
 * pattern wins), without trying every rule on every path: a rule whose glob starts with literal
 * directories (`infra/prod/**`) can only match paths under them, so rules are filed under that
 * directory and a path tries the rules filed under its own ancestors, plus those that start with a
 * wildcard. Matching stays `globMatcher`'s.
 */
import { globMatcher } from './glob.js';

export interface GlobRule {
  globs: readonly string[];
}

/** Characters that make a glob segment more than its literal text. */
const SPECIAL = /[*?[\]{}()!+@\\]/;

export class LastMatch<T extends GlobRule> {
  /** Rule positions by the literal directory they sit under ('' for those that can match anywhere), highest first. */
  private readonly byDir = new Map<string, number[]>();
  private readonly matchers: ((path: string) => boolean)[];

  constructor(private readonly rules: readonly T[]) {
    this.matchers = rules.map((r) => globMatcher(r.globs));
    rules.forEach((r, i) => {
      const dir = r.globs.length ? literalDir(r.globs[0]!) : '';
      const list = this.byDir.get(dir) ?? [];
      list.unshift(i);
      this.byDir.set(dir, list);
    });
  }

  /** The last rule that matches `path`, if any. */
  of(path: string): T | undefined {
    let best = -1;
    const consider = (dir: string) => {
      for (const i of this.byDir.get(dir) ?? []) {
        if (i <= best) return;
        if (this.matchers[i]!(path)) {
          best = i;
          return;
        }
      }
    };
    consider('');
    for (let at = path.indexOf('/'); at > 0; at = path.indexOf('/', at + 1)) consider(path.slice(0, at));
    return best >= 0 ? this.rules[best] : undefined;
  }
}

/**
 * The leading literal directories of a glob, when every glob of the rule shares them: the segments
 * before the first one with a wildcard, the last segment excluded (it may name the file itself).
 */
function literalDir(glob: string): string {
  const segs = glob.split('/');
  const dirs: string[] = [];
  for (let i = 0; i < segs.length - 1; i++) {
    if (segs[i] === '' || SPECIAL.test(segs[i]!)) break;
    dirs.push(segs[i]!);
  }
  return dirs.join('/');
}
