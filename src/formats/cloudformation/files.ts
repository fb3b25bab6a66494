/** Which files are templates: `*.template` by name; `.yaml` / `.yml` / `.json` by content. */

const TEMPLATE_NAME = /\.template$/i;
const SNIFFABLE = /\.(ya?ml|json|template)$/i;
/** Anchored with `[ \t]*` (never `\s*` across lines), so the scan stays linear on any input. */
const VERSION = /^[ \t]*["']?AWSTemplateFormatVersion["']?[ \t]*:/m;
const RESOURCES = /(^|[{,\s])["']?Resources["']?[ \t]*:/m;
const RESOURCE_TYPE = /["']?Type["']?[ \t]*:[ \t]*["']?(AWS|Alexa|Custom)::[A-Za-z0-9]+/;

export function isTemplateName(path: string): boolean {
  return TEMPLATE_NAME.test(path);
}

export function isSniffable(path: string): boolean {
  return SNIFFABLE.test(path);
}

/** A cheap content test: a template declares its format version, or a Resources map with AWS:: types. */
export function looksLikeTemplate(text: string): boolean {
  return VERSION.test(text) || (RESOURCES.test(text) && RESOURCE_TYPE.test(text));
}
