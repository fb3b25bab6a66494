/** Which files are templates: `*.template` by name; `.yaml` / `.yml` / `.json` by content. */

const TEMPLATE_NAME = /\.template$/i;
const SNIFFABLE = /\.(ya?ml|json|template)$/i;
/*
 * Top-level keys: at column 0 in YAML (a template quoted inside a ConfigMap's block scalar is indented and
 * does not count), anywhere in JSON. Anchors use `[ \t]*`, never `\s*` across lines: linear on any input.
 */
const YAML_VERSION = /^["']?AWSTemplateFormatVersion["']?[ \t]*:/m;
const YAML_RESOURCES = /^["']?Resources["']?[ \t]*:/m;
const JSON_VERSION = /"AWSTemplateFormatVersion"[ \t\r\n]*:/;
const JSON_RESOURCES = /"Resources"[ \t\r\n]*:/;
const RESOURCE_TYPE = /["']?Type["']?[ \t]*:[ \t]*["']?(AWS|Alexa|Custom)::[A-Za-z0-9]+/;

export function isTemplateName(path: string): boolean {
  return TEMPLATE_NAME.test(path);
}

export function isSniffable(path: string): boolean {
  return SNIFFABLE.test(path);
}

/** A cheap content test: a template declares its format version, or a Resources map with AWS:: types. */
export function looksLikeTemplate(text: string): boolean {
  const json = /^\uFEFF?\s*\{/.test(text.slice(0, 4096));
  const [version, resources] = json ? [JSON_VERSION, JSON_RESOURCES] : [YAML_VERSION, YAML_RESOURCES];
  return version.test(text) || (resources.test(text) && RESOURCE_TYPE.test(text));
}
