import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { review } from '../../src/analysis/index.js';
import { readDirectory } from '../../src/cli/files.js';
import { parseConfig } from '../../src/config/parse.js';
import type { Evidence } from '../../src/model/index.js';

/**
 * An evidence item points a reader at a line: that line must show what the item names. Precisely, it
 * contains one of:
 * - the attribute's last path segment (`multi_az` for `module.db.multi_az`, `replicas` for `deploy.replicas`);
 * - the value shown (a scalar, or an element of a list value: a zone in `azs = [...]`);
 * - for an attribute that is absent, implied or computed (nothing writes it on a line of its own): the
 *   block that would hold it, so the component's own name (`ApiService:`, `resource "aws_nat_gateway" "main" {`,
 *   `  kafka:`) or an enclosing block's name (`default_node_pool {`);
 * - for a dependency (`dependency of X`, or a written reference whose value is the id depended on): the
 *   referenced name, or the header of the block that writes the reference;
 * - for the synthesized placement keys: the Kubernetes words that set them (`SYNTHESIZED`).
 */
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const FORMATS = ['terraform', 'kubernetes', 'compose', 'cloudformation', 'mixed'];

function cases(): { format: string; name: string; dir: string }[] {
  return FORMATS.flatMap((format) => {
    const dir = join(FIXTURES, format);
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'expected.json')))
      .map((d) => ({ format, name: d.name, dir: join(dir, d.name) }));
  });
}

const SYNTHESIZED: Record<string, RegExp> = {
  spread: /affinity|topologySpreadConstraints|whenUnsatisfiable|weight|DuringScheduling/,
  disruptionBudget: /minAvailable|maxUnavailable|PodDisruptionBudget/,
};

/** Cases whose evidence line is known to be wrong, with why (none now; a new one must say why here). */
const KNOWN: Record<string, string> = {};

function scalars(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return [String(v)];
  if (Array.isArray(v)) return v.flatMap(scalars);
  return [];
}

/** Whether the line shows what the evidence item cites (see the rules above). */
function shows(e: Evidence, componentId: string, text: string): boolean {
  const segments = e.attribute.split(/[.[\]"]+/).filter(Boolean);
  const words = [segments[segments.length - 1] ?? '', ...scalars(e.after), ...scalars(e.before)].filter(Boolean);
  if (words.some((w) => text.includes(w))) return true;
  if (SYNTHESIZED[e.attribute]?.test(text)) return true;
  const name = componentId.split(/[.:/]/).filter(Boolean).pop() ?? componentId;
  // Absent, implied or computed: the block that would hold it.
  if (text.includes(name) || segments.slice(0, -1).some((s) => new RegExp(`\\b${s}\\b`).test(text))) return true;
  // A dependency: the referenced name, or the header of the block that writes the reference.
  const dependency = e.attribute.startsWith('dependency of ') || (e.before === null && typeof e.after === 'string');
  return dependency && /(:|\{)\s*$/.test(text);
}

describe('evidence lines show what they cite', () => {
  for (const c of cases()) {
    it.skipIf(KNOWN[`${c.format}/${c.name}`] !== undefined)(`${c.format}/${c.name}`, async () => {
      const configPath = join(c.dir, 'config.yml');
      const config = existsSync(configPath) ? parseConfig(readFileSync(configPath, 'utf8'), 'config.yml').config : undefined;
      const [base, head] = await Promise.all([readDirectory(join(c.dir, 'base')), readDirectory(join(c.dir, 'head'))]);
      const result = review({ base: base.files, head: head.files, ...(config ? { config } : {}) });
      for (const f of result.findings) {
        for (const e of f.evidence) {
          // What is gone (a resolved SPOF's vanished file, a value that became null) is cited in the base.
          const gone = (f.kind === 'resolved-spof' && !head.files.read(e.file)) || (e.after === null && e.before !== null);
          const side = gone ? base.files : head.files;
          const text = (side.read(e.file) ?? base.files.read(e.file) ?? '').split('\n')[e.line - 1] ?? '';
          const label = `${e.attribute}@${e.file}:${e.line} ${JSON.stringify(e.before)} -> ${JSON.stringify(e.after)} (${f.component.id})`;
          expect({ evidence: label, text, shows: shows(e, f.component.id, text) }).toEqual({
            evidence: label,
            text,
            shows: true,
          });
        }
      }
    });
  }
});
