/**
 * The affected part of the graph, drawn on the server as SVG from the mermaid source the PR got
 * (`report/mermaid.ts`'s dialect: `flowchart LR`, one `subgraph` per stack, `id["title<br/><small>type</small>"]`
 * or `id(["..."])` for entry points, `a --> b` for "a needs b", `class ... spof`). Mermaid itself is
 * a browser library of several megabytes with its own dependencies; this dialect is small enough
 * to lay out here, so the page needs no script at all.
 */
export interface GraphNode {
  id: string;
  title: string;
  type: string;
  stack: string;
  entry: boolean;
  spof: boolean;
}
export interface ParsedGraph {
  nodes: GraphNode[];
  edges: { from: string; to: string }[];
}

function decode(text: string): string {
  return text.replace(/#(\d{1,7});/g, (_, n: string) => String.fromCodePoint(Number(n)));
}

/** Undefined when the text is not in the dialect (then the page shows the source only). */
export function parseMermaid(source: string): ParsedGraph | undefined {
  const lines = source.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  if (lines[0] !== 'flowchart LR') return undefined;
  const nodes = new Map<string, GraphNode>();
  const edges: { from: string; to: string }[] = [];
  let stack = '';
  for (const line of lines.slice(1)) {
    let m: RegExpExecArray | null;
    if ((m = /^subgraph \w+\["(.*)"\]$/.exec(line))) {
      stack = decode(m[1]!).replace(/^stack /, '');
    } else if (line === 'end') {
      stack = '';
    } else if ((m = /^(\w+)(\(\[|\[)"(.*)<br\/><small>(.*)<\/small>"(\]\)|\])$/.exec(line))) {
      const title = decode(m[3]!);
      nodes.set(m[1]!, { id: m[1]!, title: title.replace(/^SPOF \w+: /, ''), type: decode(m[4]!), stack, entry: m[2] === '([', spof: /^SPOF \w+: /.test(title) });
    } else if ((m = /^(\w+) --> (\w+)$/.exec(line))) {
      edges.push({ from: m[1]!, to: m[2]! });
    } else if ((m = /^class ([\w,]+) (\w+)$/.exec(line))) {
      for (const id of m[1]!.split(',')) {
        const n = nodes.get(id);
        if (n && m[2] === 'spof') n.spof = true;
        if (n && m[2] === 'entry') n.entry = true;
      }
    } else if (!line.startsWith('classDef ')) {
      return undefined;
    }
  }
  const known = edges.filter((e) => nodes.has(e.from) && nodes.has(e.to));
  return { nodes: [...nodes.values()], edges: known };
}

const COL_GAP = 70;
const ROW_GAP = 18;
const NODE_H = 44;
const CHAR_W = 7.2;
const PAD = 12;

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Columns by longest path from the dependents (left) to what they need (right); a cycle (which the
 * dialect allows) is broken by ignoring edges back to a node already on the path.
 */
function columns(g: ParsedGraph): Map<string, number> {
  const out = new Map<string, string[]>();
  for (const e of g.edges) (out.get(e.from) ?? out.set(e.from, []).get(e.from)!).push(e.to);
  const col = new Map<string, number>(g.nodes.map((n) => [n.id, 0]));
  const indegree = new Map<string, number>(g.nodes.map((n) => [n.id, 0]));
  for (const e of g.edges) indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
  // Kahn's order; nodes left over (cycles) keep the column they reached.
  const queue = g.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const to of out.get(id) ?? []) {
      col.set(to, Math.max(col.get(to)!, col.get(id)! + 1));
      indegree.set(to, indegree.get(to)! - 1);
      if (indegree.get(to) === 0) queue.push(to);
    }
  }
  return col;
}

interface Slot {
  /** A node, or a point an edge passes through in a column between its ends (so it goes around boxes). */
  node?: GraphNode;
  key: string;
  preds: string[];
  y: number;
  h: number;
}

const VIRTUAL_H = 8;

/**
 * Layered layout: longest-path columns, edges spanning columns broken at a point in each column
 * they cross, each column ordered by the mean position of what points into it (one barycentre pass
 * keeps crossings down), rows stacked from the top.
 */
function layout(g: ParsedGraph): { cols: Slot[][]; routes: { from: string; to: string; via: string[] }[] } {
  const col = columns(g);
  const cols: Slot[][] = [];
  const slots = new Map<string, Slot>();
  const put = (c: number, slot: Slot) => {
    (cols[c] ??= []).push(slot);
    slots.set(slot.key, slot);
  };
  for (const n of g.nodes) put(col.get(n.id)!, { node: n, key: n.id, preds: [], y: 0, h: NODE_H });
  const routes = g.edges.map((e, i) => {
    const via: string[] = [];
    let prev = e.from;
    for (let c = col.get(e.from)! + 1; c < col.get(e.to)!; c++) {
      const key = `\u0000${i}:${c}`;
      put(c, { key, preds: [prev], y: 0, h: VIRTUAL_H });
      via.push(key);
      prev = key;
    }
    slots.get(e.to)!.preds.push(prev);
    return { from: e.from, to: e.to, via };
  });
  for (let c = 0; c < cols.length; c++) {
    const here = (cols[c] ??= []);
    if (c > 0) {
      const prevIndex = new Map((cols[c - 1] ?? []).map((s, i) => [s.key, i]));
      const centre = (s: Slot) => {
        const ps = s.preds.map((p) => prevIndex.get(p)).filter((i): i is number => i !== undefined);
        return ps.length === 0 ? Number.POSITIVE_INFINITY : ps.reduce((a, b) => a + b, 0) / ps.length;
      };
      const order = new Map(here.map((s, i) => [s.key, i]));
      here.sort((a, b) => centre(a) - centre(b) || order.get(a.key)! - order.get(b.key)!);
    }
    let y = PAD;
    for (const s of here) {
      s.y = y;
      y += s.h + ROW_GAP;
    }
  }
  return { cols, routes };
}

/** An SVG with presentation attributes only (no style attribute or element: the CSP allows none). */
export function graphSvg(g: ParsedGraph, titleId: string, title: string): string {
  const { cols, routes } = layout(g);
  const width = (n: GraphNode) => Math.max(n.title.length + (n.spof ? 6 : 0), n.type.length + 2) * CHAR_W + 2 * PAD;
  const colW = cols.map((ss) => Math.max(...ss.map((s) => (s.node ? width(s.node) : 0)), 40));
  const pos = new Map<string, { x: number; y: number; w: number; h: number }>();
  let x = PAD;
  cols.forEach((ss, c) => {
    for (const s of ss) pos.set(s.key, { x, y: s.y, w: s.node ? width(s.node) : colW[c]!, h: s.h });
    x += colW[c]! + COL_GAP;
  });
  const w = Math.max(x - COL_GAP + PAD, 200);
  const h = PAD + Math.max(...cols.map((ss) => ss.reduce((n, s) => n + s.h + ROW_GAP, 0)), NODE_H + ROW_GAP);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${Math.ceil(w)} ${Math.ceil(h)}" width="${Math.ceil(w)}" height="${Math.ceil(h)}" role="img" aria-labelledby="${titleId}">`,
    `<title id="${titleId}">${escapeXml(title)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#57606a"/></marker></defs>',
  ];
  const curve = (x1: number, y1: number, x2: number, y2: number) => {
    const mid = (x1 + x2) / 2;
    return `C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}`;
  };
  for (const r of routes) {
    const a = pos.get(r.from)!;
    let cx = a.x + a.w;
    let cy = a.y + a.h / 2;
    let d = `M${cx} ${cy}`;
    for (const v of r.via) {
      const p = pos.get(v)!;
      const vy = p.y + p.h / 2;
      d += `${curve(cx, cy, p.x, vy)}L${p.x + p.w} ${vy}`;
      cx = p.x + p.w;
      cy = vy;
    }
    const b = pos.get(r.to)!;
    d += curve(cx, cy, b.x, b.y + b.h / 2);
    parts.push(`<path d="${d}" fill="none" stroke="#57606a" stroke-width="1.5" marker-end="url(#arrow)"/>`);
  }
  for (const n of g.nodes) {
    const p = pos.get(n.id)!;
    const stroke = n.spof ? '#a40e26' : n.entry ? '#0550ae' : '#57606a';
    const fill = n.spof ? '#ffebe9' : '#ffffff';
    const rx = n.entry ? NODE_H / 2 : 6;
    parts.push(
      `<g><rect x="${p.x}" y="${p.y}" width="${p.w}" height="${NODE_H}" rx="${rx}" fill="${fill}" stroke="${stroke}" stroke-width="${n.spof ? 3 : 1.5}"/>`,
      `<text x="${p.x + PAD}" y="${p.y + 18}" font-family="sans-serif" font-size="12" font-weight="${n.spof ? 700 : 400}" fill="#1b1f24">${escapeXml((n.spof ? 'SPOF: ' : '') + n.title)}</text>`,
      `<text x="${p.x + PAD}" y="${p.y + 34}" font-family="sans-serif" font-size="11" fill="#4d5560">${escapeXml(n.type)}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}
