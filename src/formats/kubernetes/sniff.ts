/**
 * Content sniffing: a YAML or JSON file is a Kubernetes manifest when some document has top-level
 * `apiVersion` and `kind` keys. Compose files, CloudFormation templates, CI configs and Helm values
 * have no such pair. Only the head of a large file is looked at; nothing is parsed.
 */
import { isManifestFile } from './files.js';

const HEAD = 256 * 1024;
const YAML_API = /^["']?apiVersion["']?[ \t]*:[ \t]*\S/m;
const YAML_KIND = /^["']?kind["']?[ \t]*:[ \t]*\S/m;
const JSON_API = /"apiVersion"\s*:\s*"/;
const JSON_KIND = /"kind"\s*:\s*"/;

export function looksLikeManifest(path: string, text: string): boolean {
  if (!isManifestFile(path)) return false;
  const head = text.length > HEAD ? text.slice(0, HEAD) : text;
  if (/\.json$/i.test(path) || /^\s*[{[]/.test(head)) return JSON_API.test(head) && JSON_KIND.test(head);
  return YAML_API.test(head) && YAML_KIND.test(head);
}
