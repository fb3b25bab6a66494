/**
 * Addresses passed on a container's command line (`command`, `entrypoint`), read by the shared flag
 * reader (`shared/flag-arguments.ts`).
 */
import { flagArguments, type FlagArgument } from '../shared/flag-arguments.js';
import type { ServiceDef } from './project.js';
import { get, items, text, type Src } from './tree.js';
import { append } from '../../model/index.js';

export type Argument = FlagArgument<Src>;

const FIELDS = ['entrypoint', 'command'] as const;

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
    append(out, flagArguments(words));
  }
  return out;
}

/**
 * The subcommand a container runs: the first plain word of `command` (`weed master` / `weed admin`
 * run different roles of one image). Undefined when the command is unset or starts with a flag.
 */
export function subcommandOf(def: ServiceDef): string | undefined {
  const node = get(def.node, 'command');
  const first = node?.kind === 'seq' ? text(items(node)[0]) : text(node)?.trim().split(/\s+/)[0];
  return first !== undefined && first !== '' && !first.startsWith('-') ? first.replace(/^["']|["']$/g, '') : undefined;
}
