/**
 * The values a workload's containers may name servers in, each with what names it (`via`, unique per
 * workload): `env` values, the ConfigMap keys they read (`envFrom`, `configMapKeyRef`), and `--flag`
 * values of `command` / `args` (read by the shared flag reader, as compose does).
 */
import { flagArguments } from '../shared/flag-arguments.js';
import type { SourceLines } from '../shared/lines.js';
import { namesAddress } from './hostnames.js';
import { seqAt, text, textAt } from './tree.js';
import { containers, envValues, type ConfigMapLookup, type PodWorkload } from './workloads.js';

export interface NamedValue {
  /** `KAFKA_BOOTSTRAP_SERVERS`, `--zookeeper`; with ` (container)` when another container has the same name. */
  via: string;
  /** The variable's or flag's name, for the list reader (peer keys, bare words). */
  key: string;
  value: string;
  file: string;
  /** The line that shows the value (inside a multi-line script, the line of its word). */
  line: number;
  /** The line the plain hostname reader cites for it (a multi-line script's first line). */
  itemLine: number;
  /** The name says it holds addresses, so a bare `es-0,es-1` is a list of hosts. */
  bareWords: boolean;
}

export function namedValues(w: PodWorkload, configMap: ConfigMapLookup, lines: SourceLines): NamedValue[] {
  const out: NamedValue[] = [];
  const vias = new Set<string>();
  const add = (key: string, via: string, container: string, value: string, file: string, at: { line: number; item: number }, bareWords: boolean) => {
    const unique = vias.has(via) ? `${via} (${container})` : via;
    if (vias.has(unique)) return;
    vias.add(unique);
    out.push({ via: unique, key, value, file, line: at.line, itemLine: at.item, bareWords });
  };
  for (const e of envValues(w, configMap)) {
    if (!e.freeText) add(e.name, e.name, e.container, e.value, e.file, { line: e.line, item: e.line }, namesAddress(e.name));
  }
  for (const c of containers(w.spec)) {
    const container = textAt(c, ['name']) ?? '';
    const words: { word: string; site: { line: number; item: number } }[] = [];
    for (const field of ['command', 'args']) {
      for (const item of seqAt(c, [field])) {
        const s = text(item);
        if (s === undefined) continue;
        // A shell script in one item (`sh -c "... --zookeeper zk1:2181,zk2:2181"`) is split into its words,
        // each cited on the first line from the previous word's that shows it.
        let line = item.line;
        for (const word of s.split(/\s+/)) {
          if (word === '') continue;
          const bare = word.replace(/^["']|["']$/g, '');
          if (item.endLine > item.line) {
            // Bounded: a word not found within a few lines (escaped in the YAML) keeps the line before.
            for (let n = line; n <= Math.min(item.endLine, line + 16); n++) {
              if (lines.line(w.obj.file, n)?.includes(bare)) {
                line = n;
                break;
              }
            }
          }
          words.push({ word: bare, site: { line, item: item.line } });
        }
      }
    }
    for (const a of flagArguments(words)) {
      if (a.key === '') continue;
      // A property set through a flag (`--override zookeeper.connect=zk-0.zk-hs:2181,...`) is read under the property's name.
      const property = /^([A-Za-z][\w.-]{0,127})=(.*)$/s.exec(a.value);
      const key = (property ? property[1]! : a.key).replace(/-/g, '_');
      const via = property ? `--${a.key} ${property[1]}` : `--${a.key}`;
      add(key, via, container, property ? property[2]! : a.value, w.obj.file, a.site, namesAddress(key));
    }
  }
  return out;
}
