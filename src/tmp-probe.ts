import { snapshot } from './analysis/review.js';
import { readDirectory } from './cli/files.js';
const d = await readDirectory(process.argv[2]!);
const s = snapshot(d.files);
for (const c of s.components) console.log(c.id, c.rule, c.alternativeOf, JSON.stringify(c.redundancy), c.failoverFor);
for (const x of s.dependencies) console.log(x.from, '->', x.to, x.group ?? '');
