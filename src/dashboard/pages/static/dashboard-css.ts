/** The dashboard's only stylesheet (served as /dashboard/static/dashboard.css; no inline styles). */
export const DASHBOARD_CSS = `
:root {
  --fg: #1b1f24; --muted: #4d5560; --bg: #ffffff; --panel: #f5f7fa; --line: #d0d7de;
  --link: #0550ae; --focus: #bf4f00;
  --critical: #8b0000; --high: #a0350a; --medium: #7a5200; --low: #3d5a80;
  --ok: #116329; --warn: #7a5200; --bad: #a40e26; --info: #0550ae;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fg); background: var(--bg); line-height: 1.45;
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px;
}
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.skip { position: absolute; left: -10000px; top: 0; }
.skip:focus { left: 8px; top: 8px; background: var(--bg); padding: 6px 10px; z-index: 10; }
.banner { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 24px; padding: 8px 24px; background: #0d1117; color: #f0f3f6; }
.banner a { color: #f0f3f6; }
.brand { margin: 0; font-weight: 700; font-size: 1.1rem; }
.brand a { text-decoration: none; }
.banner nav ul { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; margin: 0; padding: 0; }
.banner nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
.signout { margin-left: auto; display: flex; gap: 8px; align-items: center; }
.signout button { background: transparent; color: #f0f3f6; border: 1px solid #8b949e; border-radius: 4px; padding: 2px 10px; cursor: pointer; }
main { max-width: 1200px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 1.6rem; margin: 8px 0 16px; }
h2 { font-size: 1.2rem; margin: 28px 0 8px; }
h3 { font-size: 1.05rem; margin: 20px 0 6px; }
.muted { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin: 0; padding: 0; list-style: none; }
.cards li { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
.cards .n { display: block; font-size: 1.8rem; font-weight: 700; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 8px 24px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 12px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--panel); font-weight: 600; }
tbody th { background: transparent; }
dl { margin: 0 0 12px; }
dt { font-weight: 600; }
dd { margin: 0 0 8px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 540px), 1fr)); gap: 8px 24px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 0.85rem; font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
.sev-critical { color: var(--critical); } .sev-high { color: var(--high); } .sev-medium { color: var(--medium); } .sev-low { color: var(--low); }
.st-open { color: var(--bad); } .st-accepted { color: var(--warn); } .st-fixed-before-merge { color: var(--ok); }
.st-merged-with-risk { color: var(--critical); } .st-abandoned { color: var(--muted); } .st-resolved { color: var(--ok); }
.filters { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: flex-end; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 12px; margin-bottom: 12px; }
.filters label { display: flex; flex-direction: column; font-size: 0.9rem; font-weight: 600; gap: 2px; }
.filters input, .filters select { font: inherit; padding: 4px 6px; border: 1px solid #6e7781; border-radius: 4px; min-width: 9rem; background: var(--bg); color: var(--fg); }
.filters button, .button { font: inherit; padding: 5px 14px; border-radius: 4px; border: 1px solid #1f6feb; background: #0550ae; color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
.pager { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
.finding { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; margin: 10px 0; }
.finding h3 { margin-top: 6px; }
.finding pre, pre.source { white-space: pre-wrap; word-break: break-word; background: var(--panel); padding: 8px; border-radius: 4px; font-size: 0.88rem; }
.timeline { list-style: none; padding: 0; margin: 0; border-left: 3px solid var(--line); }
.timeline li { padding: 4px 0 8px 14px; }
.timeline time { font-weight: 600; }
figure { margin: 8px 0 20px; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { font-weight: 600; margin-bottom: 4px; }
.graph svg { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.notice { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 8px 12px; }
.signin { max-width: 34rem; }
.empty { color: var(--muted); font-style: italic; }
@media (max-width: 640px) {
  main { padding: 12px; }
  .banner { padding: 8px 12px; }
  .signout { margin-left: 0; }
  th, td { padding: 4px; }
  /* Wide lists become one card per row, each cell named by its column. */
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack tr { border: 1px solid var(--line); border-radius: 6px; margin-bottom: 10px; padding: 4px 8px; }
  table.stack td { border: none; padding: 2px 0; }
  table.stack td::before { content: attr(data-label) ": "; font-weight: 600; }
  table.stack caption { display: block; }
}
`;
