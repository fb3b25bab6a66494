/**
 * Addresses passed on a container's command line (`command`, `entrypoint`): `--rpc-host=taskbroker:50051`,
 * `--redis-host redis`, a positional `db:5432`. Each argument is read like a variable: the flag's
 * name is the key, so a bare word counts as a host only under a host-named flag.
 */
import type { ServiceDef } from './project.js';
import { get, items, text, type Src } from './tree.js';

export interface Argument {
  /** The flag's name without dashes, or '' for a positional argument. */
  key: string;
  value: string;
  site: Src;
}

const FIELDS = ['entrypoint', 'command'] as const;
const MAX_ARGUMENTS = 512;

export function commandArgumentsOf(def: ServiceDef): Argument[] {
  const out: Argument[] = [];
  for (const field of FIELDS) {
    const node = get(def.node, field);
    if (!node) continue;
    const words: { word: string; site: Src }[] =
      node.kind === 'seq'
        ? items(node).flatMap((item) => {
            const word = text(item);
            return word === undefined ? [] : [{ word, site: item.src }];
          })
        : // A string is split as the shell would for plain words; quoting is rare in address flags.
          (text(node) ?? '').split(/\s+/).filter((w) => w !== '').map((w) => ({ word: w.replace(/^["']|["']$/g, ''), site: node.src }));
    for (let i = 0; i < words.length && out.length < MAX_ARGUMENTS; i++) {
      const { word, site } = words[i]!;
      const flag = /^--?([A-Za-z][\w.-]*)(?:=(.*))?$/s.exec(word);
      if (!flag) {
        out.push({ key: '', value: word, site });
        continue;
      }
      if (flag[2] !== undefined) {
        out.push({ key: flag[1]!, value: flag[2], site });
        continue;
      }
      const next = words[i + 1];
      if (next && !next.word.startsWith('-')) {
        out.push({ key: flag[1]!, value: next.word, site: next.site });
        i++;
      }
    }
  }
  return out;
}
