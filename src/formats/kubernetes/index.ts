/**
 * The Kubernetes format: manifests (multi-document YAML or JSON, found by content), kustomizations
 * and Helm charts' values. Stacks are manifest directories, kustomization directories and chart
 * directories; nothing is rendered, built or fetched.
 */
import type { FormatPlugin } from '../format.js';
import { extractKubernetes } from './extract.js';
import { isChart, isIgnoredPath, isKustomization } from './files.js';
import { kustomizationReferences } from './kustomize.js';
import { releaseSourceFiles } from './release-sources.js';
import { looksLikeManifest } from './sniff.js';
import { kubernetesStacks } from './stacks.js';

declare module '../../model/component.js' {
  interface FormatNames {
    kubernetes: true;
  }
}

export const kubernetes: FormatPlugin = {
  name: 'kubernetes',
  filePatterns: { suffixes: ['.yaml', '.yml', '.json'] },
  claims(path) {
    return (isKustomization(path) || isChart(path)) && !isIgnoredPath(path);
  },
  sniff(path, text) {
    return !isIgnoredPath(path) && looksLikeManifest(path, text);
  },
  stacks(paths, files) {
    return kubernetesStacks(paths, files);
  },
  extract(stack, files) {
    return extractKubernetes(stack, files);
  },
  relatedFiles(changed, snapshots) {
    return releaseSourceFiles(changed, snapshots);
  },
  referencedDirs(files) {
    return kustomizationReferences(files);
  },
};
