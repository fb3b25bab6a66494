/**
 * The one YAML tree every reader builds on (model/yaml): real manifests and compose files with
 * syntax-aware edits (anchors, aliases, merge keys, tags, flow and block nesting), read with each
 * reader's limits. It never throws, and every node, error and warning is on a line of the text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLOUDFORMATION_TEMPLATE_LIMITS,
  COMPOSE_YAML_LIMITS,
  CONFIG_YAML_LIMITS,
  KUBERNETES_YAML_LIMITS,
  readYaml,
  type YamlNode,
} from '../../src/model/yaml/index.js';
import { campaign, corpusSeeds, fixtureSeeds, mutatedSeedArb, mutationArb, timeout, wordsOf } from './harness.js';

const seeds = [...fixtureSeeds('kubernetes'), ...fixtureSeeds('compose'), ...corpusSeeds('compose', () => true, 8000)];
const TOKENS = ['&a ', '*a', '<<: *a', '<<: [*a, *a]', '!!str ', '!!map ', '!Ref ', '? ', ': ', '- ', '- - - ', '---\n', '...\n', '|', '>-', '{', '}', '[', ']', ',', '"', "'", '#', '%YAML 1.2\n', '\t', '  '];
const NESTING = [['[', ']'], ['{a: ', '}'], ['- ', ''], ['[{a: ', '}]']] as const;
const LIMITS = [KUBERNETES_YAML_LIMITS, COMPOSE_YAML_LIMITS, CLOUDFORMATION_TEMPLATE_LIMITS, CONFIG_YAML_LIMITS];

function spans(node: YamlNode | null, out: [number, number][] = [], seen = new Set<YamlNode>()): [number, number][] {
  if (!node || seen.has(node)) return out;
  seen.add(node);
  out.push([node.line, node.endLine]);
  if (node.kind === 'seq') for (const i of node.items) spans(i, out, seen);
  if (node.kind === 'map') for (const e of node.entries) {
    out.push([e.keyLine, e.keyLine]);
    spans(e.key, out, seen);
    spans(e.value, out, seen);
  }
  return out;
}

describe('yaml tree fuzz', () => {
  it(
    'reading never throws and every node, error and warning is on a line of the text',
    () => {
      fc.assert(
        fc.property(mutatedSeedArb(seeds, mutationArb(TOKENS, wordsOf(seeds), NESTING)), fc.constantFrom(...LIMITS), fc.boolean(), ({ files }, limits, multiDocument) => {
          for (const text of Object.values(files)) {
            const lines = text.split('\n').length;
            const read = readYaml(text, { limits, multiDocument, uniqueKeys: true });
            if (read.refused) expect(read.refused.line).toBeGreaterThanOrEqual(1);
            for (const doc of read.documents) {
              for (const m of [...doc.errors, ...doc.warnings, ...doc.overLimits]) {
                expect(m.line).toBeGreaterThanOrEqual(1);
                expect(m.line).toBeLessThanOrEqual(lines);
              }
              for (const [line, end] of spans(doc.root)) {
                expect(line).toBeGreaterThanOrEqual(1);
                expect(end).toBeGreaterThanOrEqual(line);
                expect(end).toBeLessThanOrEqual(lines);
              }
            }
          }
        }),
        campaign(2),
      );
    },
    timeout(2),
  );
});
