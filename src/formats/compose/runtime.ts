/**
 * What a service's container runs, for the image catalog: its image, its `entrypoint` and `command`
 * words and its variables. The catalog reads the software from the image, or from the server program
 * the command starts when the image is an in-house build (`command: etcd --name ...`).
 */
import type { ContainerRuntime } from '../../catalog/images.js';
import type { Project, ServiceDef } from './project.js';
import { environmentOf } from './relations.js';
import { imageOf } from './service.js';
import { get, items, text } from './tree.js';

export function runtimeOf(def: ServiceDef, project: Project): ContainerRuntime {
  const words: string[] = [];
  for (const field of ['entrypoint', 'command']) {
    const node = get(def.node, field);
    if (node?.kind === 'seq') {
      for (const item of items(node)) {
        const word = text(item);
        if (word !== undefined) words.push(word);
      }
    } else {
      const line = text(node);
      if (line !== undefined) words.push(line);
    }
  }
  const image = imageOf(def);
  return { ...(image !== undefined ? { image } : {}), words, env: environmentOf(def, project).map(({ key, value }) => ({ name: key, value })) };
}
