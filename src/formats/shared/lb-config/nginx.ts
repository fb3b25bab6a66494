/**
 * nginx: `upstream NAME { server ADDRESS [params]; ... }` blocks at any depth (inside `http`, `stream`).
 * A `down` server takes no traffic and is no alternative; a `backup` one is. `include` is not followed.
 * A tokenizer for nginx's grammar (words, quoted strings, `{`, `}`, `;`, `#` comments), linear in the text.
 */
import { LB_LIMITS, boundedLines, hostOfAddress, type LbConfig, type Pool } from './pool.js';

interface Token {
  text: string;
  line: number;
  /** `{`, `}`, `;` as syntax (not inside quotes). */
  punct: boolean;
}

function tokenize(lines: readonly string[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i]!;
    let j = 0;
    while (j < s.length) {
      const c = s[j]!;
      if (c === ' ' || c === '\t') j++;
      else if (c === '#') break;
      else if (c === '{' || c === '}' || c === ';') {
        out.push({ text: c, line: i + 1, punct: true });
        j++;
      } else if (c === '"' || c === "'") {
        const end = s.indexOf(c, j + 1);
        const stop = end < 0 ? s.length : end;
        out.push({ text: s.slice(j + 1, stop), line: i + 1, punct: false });
        j = stop + 1;
      } else {
        let k = j;
        while (k < s.length && !' \t{};#"\''.includes(s[k]!)) k++;
        out.push({ text: s.slice(j, k), line: i + 1, punct: false });
        j = k;
      }
    }
  }
  return out;
}

export function parseNginx(text: string): LbConfig {
  const read = boundedLines(text);
  if ('problem' in read) return { kind: 'nginx', pools: [], problem: read.problem };
  const tokens = tokenize(read.lines);
  const pools: Pool[] = [];
  let depth = 0;
  let statement: Token[] = [];
  let upstream: { pool: Pool; depth: number } | undefined;
  for (const t of tokens) {
    if (!t.punct) {
      statement.push(t);
      continue;
    }
    if (t.text === '{') {
      depth++;
      if (depth > LB_LIMITS.maxDepth) return { kind: 'nginx', pools, problem: { line: t.line, message: 'blocks nested too deep: not read further' } };
      if (!upstream && statement[0]?.text === 'upstream' && statement[1] && pools.length < LB_LIMITS.maxPools) {
        upstream = { pool: { name: `upstream ${statement[1].text}`, line: statement[0].line, servers: [] }, depth };
        pools.push(upstream.pool);
      }
    } else if (t.text === '}') {
      if (upstream && depth === upstream.depth) upstream = undefined;
      depth = Math.max(0, depth - 1);
    } else if (upstream && depth === upstream.depth && statement[0]?.text === 'server' && statement[1]) {
      const params = statement.slice(2).map((p) => p.text);
      if (!params.includes('down') && upstream.pool.servers.length < LB_LIMITS.maxServers) {
        upstream.pool.servers.push({ host: hostOfAddress(statement[1].text), address: statement[1].text, line: statement[1].line });
      }
    }
    statement = [];
  }
  return { kind: 'nginx', pools };
}

/** Whether a text reads like nginx configuration with an upstream block. */
export function looksLikeNginx(text: string): boolean {
  return /(^|\n)\s*upstream\s+[^\s{]+\s*\{/.test(text.slice(0, LB_LIMITS.maxBytes));
}
