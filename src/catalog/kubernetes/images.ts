import type { CatalogEntry } from '../entry.js';
import { IMAGE_KINDS, type ImageKind } from '../images.js';

/**
 * Rules for workloads known by their image: a Deployment running Redis is judged by its kind (replicas)
 * but reads as Redis in findings (role, impact, recovery). The type `image:<name>` is what a format
 * looks up for a container image; the rule id is the image pattern's id (`image-redis`).
 */
export function imageType(kind: ImageKind): string {
  return `image:${kind.id.replace(/^image-/, '')}`;
}

export const K8S_IMAGE_ENTRIES: CatalogEntry[] = IMAGE_KINDS.map((k) => ({
  id: k.id,
  title: k.title,
  role: k.role,
  types: { kubernetes: [imageType(k)] },
  recovery: k.recovery,
  impact: k.impact,
}));
