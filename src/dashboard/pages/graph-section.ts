import { html, trusted, type Html } from './html.js';
import { graphSvg, parseMermaid } from './mermaid-graph.js';

/**
 * A stored mermaid graph drawn as SVG, with the same facts as a list and the source beside it (the
 * change page's affected part, the inventory page's SPOFs). `id` keeps element ids apart when a
 * page draws several.
 */
export function graphSection(source: string | null, text: { id: string; caption: string; title: string; missing: string }): Html {
  const { id, caption, title, missing } = text;
  if (!source) return html`<p class="muted">${missing}</p>`;
  const g = parseMermaid(source);
  const names = new Map(g?.nodes.map((n) => [n.id, n.title]) ?? []);
  return html`${
    g
      ? html`<figure class="graph">
<figcaption id="${id}-cap">${caption} (an arrow points to what a component needs)</figcaption>
${trusted(graphSvg(g, `${id}-title`, title))}
</figure>
<h3>As a list</h3>
<ul>${g.nodes.map(
          (n) => html`<li>${n.spof ? html`<strong>SPOF</strong> ` : ''}${n.title} <span class="muted">(${n.type}, stack ${n.stack})</span>${
            g.edges.some((e) => e.from === n.id)
              ? html` needs ${g.edges.filter((e) => e.from === n.id).map((e) => names.get(e.to)).join(', ')}`
              : ''
          }</li>`,
        )}</ul>`
      : ''
  }
<details><summary>Mermaid source</summary><pre class="source">${source}</pre></details>`;
}
