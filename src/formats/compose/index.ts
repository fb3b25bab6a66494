/**
 * The docker-compose format: `compose.y(a)ml`, `compose.*.y(a)ml`, `docker-compose*.y(a)ml`, and
 * other YAML with a top-level `services:` of images or builds. A compose file is a stack (with its
 * override file, `.env`, env files, includes and extended files); each service is a component
 * `services.<name>`. Nothing is run: no `docker compose config`, no shell environment.
 */
import type { FormatPlugin } from '../format.js';
import { LB_CONFIG_SUFFIXES, isLbConfig } from '../shared/lb-config/index.js';
import { extractProject } from './extract.js';
import { isComposeName } from './files.js';
import { looksLikeCompose } from './sniff.js';
import { composeFilesAbove } from './related.js';
import { composeStacks, projectOf, stackOverride } from './stacks.js';

declare module '../../model/component.js' {
  interface FormatNames {
    compose: true;
  }
}

export const compose: FormatPlugin = {
  name: 'compose',
  // `.env` beside a compose file and `*.env` env files feed interpolation and hostnames; load-balancer
  // files (nginx, HAProxy, Traefik TOML) that services mount list the servers behind a proxy.
  filePatterns: { suffixes: ['.yaml', '.yml', '.env', ...LB_CONFIG_SUFFIXES], names: ['.env'] },
  claims(path) {
    return isComposeName(path);
  },
  sniff(path, text) {
    // A load-balancer file is taken so that a change to it alone is reviewed with the project that mounts it.
    return looksLikeCompose(path, text) || isLbConfig(path, text);
  },
  stacks(paths, files) {
    return composeStacks(paths.filter((p) => isComposeName(p) || !isLbConfig(p, files.read(p) ?? '')), files);
  },
  relatedFiles(changed, snapshots) {
    return composeFilesAbove(changed.filter((p) => !isComposeName(p) && [...LB_CONFIG_SUFFIXES, '.yaml', '.yml'].some((s) => p.toLowerCase().endsWith(s))), snapshots);
  },
  extract(stack, files) {
    return extractProject(stack, projectOf(stack.id, stackOverride(stack), files), files);
  },
};
