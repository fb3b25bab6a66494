/**
 * Compose files that are not named like one (`zk-single-kafka.yml`, `docker-stack.yml`): YAML whose
 * top level has a `services:` mapping of services with an `image` or a `build`. Cheap checks first:
 * the engine asks about every unclaimed file.
 */
import { isYaml } from './files.js';
import { EMPTY_ENV } from './interpolate.js';
import { get, isMap } from './tree.js';
import { parseYaml } from './yaml.js';

const MAX_SNIFF = 1024 * 1024;

export function looksLikeCompose(path: string, content: string): boolean {
  if (!isYaml(path) || content.length > MAX_SNIFF || !/^services\s*:/m.test(content)) return false;
  if (/^(apiVersion|kind|AWSTemplateFormatVersion|Resources)\s*:/m.test(content)) return false;
  let roots;
  try {
    roots = parseYaml(path, content, EMPTY_ENV).roots;
  } catch {
    return false;
  }
  const services = get(roots[0], 'services');
  if (!isMap(services) || services.entries.size === 0) return false;
  for (const e of services.entries.values()) {
    if (isMap(e.value) && (e.value.entries.has('image') || e.value.entries.has('build') || e.value.entries.has('extends'))) return true;
  }
  return false;
}
