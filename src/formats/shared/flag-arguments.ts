/**
 * Addresses passed on a command line: `--rpc-host=taskbroker:50051`, `--redis-host redis`, a positional
 * `db:5432`. Each argument is read like a variable: the flag's name is the key, so a bare word counts as
 * a host only under a host-named flag. Shared by compose (`command`, `entrypoint`) and Kubernetes
 * (`command`, `args`); each format gives the words with where it wrote them.
 */

export interface FlagArgument<S> {
  /** The flag's name without dashes, or '' for a positional argument. */
  key: string;
  value: string;
  site: S;
}

const MAX_ARGUMENTS = 512;

export function flagArguments<S>(words: readonly { word: string; site: S }[]): FlagArgument<S>[] {
  const out: FlagArgument<S>[] = [];
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
  return out;
}
