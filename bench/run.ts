/**
 * `npm run bench`: throughput and end-to-end figures (not tests: nothing here asserts).
 * Parser throughput over ../shared/corpus, then the CLI diff on a generated monorepo at 1x and 2x,
 * then CODEOWNERS matching for key people.
 */
import { benchDiff } from './diff-bench.js';
import { benchKeyPeople } from './key-people-bench.js';
import { benchParser } from './parser.js';
import { benchSharedFanOut } from './shared-fan-out.js';

console.log(await benchParser());
console.log(await benchDiff());
console.log(benchKeyPeople());
console.log(benchSharedFanOut());
