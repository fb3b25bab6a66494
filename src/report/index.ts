export { renderText, renderInventoryText, type TextOptions } from './text.js';
export { renderMarkdown, renderInventoryMarkdown, type MarkdownOptions } from './markdown.js';
export { renderJson, toJsonReport, renderInventoryJson, toInventoryJson } from './json.js';
export { renderSarif, toSarif, type SarifOptions } from './sarif.js';
export { renderMermaid } from './mermaid.js';
export { renderDot } from './dot.js';
export { renderGraphJson, toGraphJson } from './graph-json.js';
export type { GraphOptions } from './graph.js';
export { atOrAbove, failing, reportable, sortFindings, FAIL_ON_VALUES, type FailOn } from './format.js';
