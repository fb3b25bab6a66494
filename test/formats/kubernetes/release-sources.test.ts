import { describe, expect, it } from 'vitest';
import { kubernetes } from '../../../src/formats/kubernetes/index.js';
import { fileSetFromMap, type FileSet } from '../../../src/model/index.js';
import type { PartlyLoaded } from '../../../src/formats/index.js';

const RELEASE = (source: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: airflow\nspec:\n  chart:\n    spec:\n      chart: airflow\n      sourceRef:\n        kind: HelmRepository\n        name: ${source}\n  values: {}\n`;
const SOURCE = 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: apache-airflow\nspec:\n  url: https://airflow.apache.org\n';

/** A listing of `paths` where only `loaded` can be read, and one touched stack of `stackFiles`. */
function snapshot(paths: string[], loaded: Record<string, string>, stackFiles: string[]): PartlyLoaded {
  const texts = fileSetFromMap(new Map(Object.entries(loaded)));
  const files: FileSet = { paths: () => paths, read: (p) => texts.read(p) };
  return { files, stacks: [{ format: 'kubernetes', id: 'apps/airflow', files: stackFiles }] };
}

const LISTING = ['apps/airflow/release.yaml', 'apps/web/deployment.yaml', 'infrastructure/sources/redis.yaml', 'infrastructure/resources/config.yaml', 'clusters/prod/airflow.yaml', 'clusters/prod/apache-airflow.yml', 'app/repository.json', 'README.md'];

describe('kubernetes relatedFiles: the files a HelmRelease source may be in', () => {
  it('names the files named after the source or chart, or kept like sources, not others', () => {
    const s = snapshot(LISTING, { 'apps/airflow/release.yaml': RELEASE('apache-airflow') }, ['apps/airflow/release.yaml']);
    expect(kubernetes.relatedFiles!(['apps/airflow/release.yaml'], [s])).toEqual([
      'app/repository.json',
      'clusters/prod/airflow.yaml',
      'clusters/prod/apache-airflow.yml',
      'infrastructure/sources/redis.yaml',
    ]);
  });

  it('names none while a file of the touched stack is not loaded yet, or when the stack declares the source', () => {
    const waiting = snapshot(LISTING, { 'apps/airflow/release.yaml': RELEASE('apache-airflow') }, ['apps/airflow/release.yaml', 'apps/web/deployment.yaml']);
    expect(kubernetes.relatedFiles!(['apps/airflow/release.yaml'], [waiting])).toEqual([]);
    const own = snapshot([...LISTING, 'apps/airflow/source.yaml'], { 'apps/airflow/release.yaml': RELEASE('apache-airflow'), 'apps/airflow/source.yaml': SOURCE }, ['apps/airflow/release.yaml', 'apps/airflow/source.yaml']);
    expect(kubernetes.relatedFiles!(['apps/airflow/release.yaml'], [own])).toEqual([]);
  });

  it('names none for a stack the change does not touch', () => {
    const s = snapshot(LISTING, { 'apps/airflow/release.yaml': RELEASE('apache-airflow') }, ['apps/airflow/release.yaml']);
    expect(kubernetes.relatedFiles!(['apps/web/deployment.yaml'], [s])).toEqual([]);
  });
});
