/**
 * The docker-compose format: `compose.y(a)ml`, `compose.*.y(a)ml`, `docker-compose*.y(a)ml`, and
 * other YAML with a top-level `services:` of images or builds. A compose file is a stack (with its
 * override file, `.env`, env files, includes and extended files); each service is a component
 * `services.<name>`. Nothing is run: no `docker compose config`, no shell environment.
 */
import type { FormatPlugin } from '../format.js';
import { extractProject } from './extract.js';
import { isComposeName } from './files.js';
import { looksLikeCompose } from './sniff.js';
import { composeStacks, projectOf, stackOverride } from './stacks.js';

declare module '../../model/component.js' {
  interface FormatNames {
    compose: true;
  }
}

export const compose: FormatPlugin = {
  name: 'compose',
  // `.env` beside a compose file and `*.env` env files feed interpolation and hostnames.
  filePatterns: { suffixes: ['.yaml', '.yml', '.env'], names: ['.env'] },
  claims(path) {
    return isComposeName(path);
  },
  sniff(path, text) {
    return looksLikeCompose(path, text);
  },
  stacks(paths, files) {
    return composeStacks(paths, files);
  },
  extract(stack, files) {
    return extractProject(stack, projectOf(stack.id, stackOverride(stack), files), files);
  },
};
