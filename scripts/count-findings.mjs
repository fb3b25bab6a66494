// Counts a replay's commits, reviewed commits and findings of medium or above per repository;
// -v prints each such finding (commit, rule, message) for reading as the PR's reviewer would.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, flag] = process.argv.slice(2);
const ranked = new Set(['medium', 'high', 'critical']);
const total = { replayed: 0, reviewed: 0, flagged: 0 };
for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
  const lines = readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const commits = lines.filter((l) => l.type === 'commit');
  const reviewed = commits.filter((c) => c.status === "reviewed");
  const flagged = reviewed.flatMap((c) => c.review.findings.filter((f) => ranked.has(f.severity)).map((f) => ({ c, f })));
  total.replayed += commits.length;
  total.reviewed += reviewed.length;
  total.flagged += flagged.length;
  console.log(`${file.replace(/\.jsonl$/, '')}: ${commits.length} replayed / ${reviewed.length} reviewed / ${flagged.length} >= medium`);
  if (flag === '-v') for (const { c, f } of flagged) console.log(`  ${c.commit.slice(0, 10)} ${f.severity} ${f.rule ?? f.kind} ${f.component?.id ?? ''}: ${String(f.message).split('\n')[0].slice(0, 200)}`);
}
console.log(`total: ${total.replayed} replayed / ${total.reviewed} reviewed / ${total.flagged} >= medium`);
