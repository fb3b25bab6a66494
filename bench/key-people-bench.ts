/**
 * Key people (DESIGN amendment 48): matching every infrastructure file against every CODEOWNERS rule,
 * last match wins. The cost is files x rules glob steps (linear-time globs), so it is measured at a
 * size past real repositories: 50,000 infrastructure files under 1,000 directory rules plus wildcards.
 */
import { keyPeopleChanged } from '../src/analysis/key-people.js';
import type { Snapshot } from '../src/analysis/api.js';
import { ruleComponents } from '../src/formats/codeowners/index.js';
import { parseCodeowners } from '../src/formats/codeowners/parse.js';

function snapshotOf(text: string): Snapshot {
  const file = '.github/CODEOWNERS';
  return { components: ruleComponents(parseCodeowners(text, file).rules, file), dependencies: [], diagnostics: [], files: 1 };
}

export function benchKeyPeople(dirs = 1000, filesPerDir = 50, repeats = 5): string {
  const infra: string[] = [];
  for (let d = 0; d < dirs; d++) for (let f = 0; f < filesPerDir; f++) infra.push(`infra/team${d % 20}/stack${d}/${f % 2 ? 'main' : `mod${f}`}.tf`);
  const rules = (narrowed: boolean) =>
    ['* @acme/developers', '*.md @acme/writers', '**/modules/ @acme/platform @acme/sre']
      .concat(Array.from({ length: dirs }, (_, d) => `/infra/team${d % 20}/stack${d}/ ${narrowed && d % 10 === 0 ? '@alice' : '@alice @bob'}`))
      .join('\n');
  const base = snapshotOf(rules(false));
  const head = snapshotOf(rules(true));
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    findings = keyPeopleChanged(base, head, infra, {}).length;
    times.push(performance.now() - started);
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  return `key people: ${infra.length.toLocaleString('en')} infrastructure files x ${(dirs + 3).toLocaleString('en')} CODEOWNERS rules: ${median.toFixed(0)} ms median of ${repeats} (${findings} findings)`;
}
