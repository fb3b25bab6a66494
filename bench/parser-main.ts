/** `npx tsx bench/parser-main.ts`: the parser throughput benchmark alone. */
import { benchParser } from './parser.js';

console.log(await benchParser());
