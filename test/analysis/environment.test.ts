import { describe, expect, it } from 'vitest';
import { EnvironmentResolver, rateByEnvironment } from '../../src/analysis/environment.js';
import type { Finding } from '../../src/model/index.js';
import { fullMessage } from '../../src/report/format.js';

const resolver = (environments: { glob: string; environment: 'production' | 'non-production' }[] = []) => new EnvironmentResolver({ environments });

describe('environment of a stack', () => {
  it('infers non-production from a path segment or one word of it, production otherwise', () => {
    const r = resolver();
    expect(r.of('examples/complete')).toEqual({ environment: 'non-production', because: 'path segment "examples"' });
    expect(r.of('tests/eks-managed-node-group').environment).toBe('non-production');
    expect(r.of('terraform/providers/aws/us_east_1_staging')).toEqual({ environment: 'non-production', because: 'path segment "us_east_1_staging"' });
    expect(r.of('live/dev/app').environment).toBe('non-production');
    expect(r.of('docker-compose.test.yml').environment).toBe('non-production');
    // A load generator is a test rig: a single Gatling box is nobody's dependency.
    expect(r.of('terraform/projects/app-gatling')).toEqual({ environment: 'non-production', because: 'path segment "app-gatling"' });
    expect(r.of('envs/preprod/eu-west-1').environment).toBe('non-production');
    for (const stack of ['.', 'live/prod/app', 'terraform/providers/aws/us_east_1_prod', 'deploy/contest', 'services/devices', 'latest/stage-door', 'docker-compose.yml']) {
      // Words, not substrings: "contest", "devices" are not "test", "dev"; "stage-door" is ("stage").
      expect(r.of(stack).environment, stack).toBe(stack === 'latest/stage-door' ? 'non-production' : 'production');
    }
  });

  it("rates a teaching repository's stacks by its name, after the config and the paths", () => {
    expect(new EnvironmentResolver({ environments: [] }, 'argoproj/argocd-example-apps').of('guestbook')).toEqual({
      environment: 'non-production',
      because: 'repository name "argoproj/argocd-example-apps"',
    });
    expect(new EnvironmentResolver({ environments: [] }, 'aws-samples/eks-workshop-v2').of('manifests/base-application').environment).toBe('non-production');
    // Narrower than path words: "dev" or "test" in a repository's name says nothing about its stacks.
    for (const repository of ['acme/infra-dev', 'acme/platform-test', 'acme/exampleco-infra', 'acme/live', undefined]) {
      expect(new EnvironmentResolver({ environments: [] }, repository).of('services/api').environment, String(repository)).toBe('production');
    }
    // The config can say a stack of such a repository is production after all.
    const mapped = new EnvironmentResolver({ environments: [{ glob: 'reference/**', environment: 'production' }] }, 'acme/terraform-samples');
    expect(mapped.of('reference/app').environment).toBe('production');
    expect(mapped.of('other').environment).toBe('non-production');
  });

  it('lets the config decide first, in the order written', () => {
    const r = resolver([
      { glob: 'examples/reference/**', environment: 'production' },
      { glob: 'platform/**', environment: 'non-production' },
    ]);
    expect(r.of('examples/reference/app')).toEqual({ environment: 'production', because: 'config environments "examples/reference/**"' });
    expect(r.of('examples/other').environment).toBe('non-production');
    expect(r.of('platform/core')).toEqual({ environment: 'non-production', because: 'config environments "platform/**"' });
  });

  it('rates findings of non-production stacks low and says why; leaves production findings and resolutions alone', () => {
    const finding = (stack: string, severity: Finding['severity'], kind: Finding['kind'] = 'new-spof'): Finding =>
      ({ kind, severity, message: 'If db fails...', component: { id: 'db', type: 't', format: 'terraform', stack } }) as Finding;
    const findings = [finding('examples/complete', 'critical'), finding('live/app', 'high'), finding('tests/x', 'medium', 'resolved-spof'), finding('tests/y', 'low')];
    rateByEnvironment(findings, resolver());
    expect(findings.map((f) => [f.severity, f.environment])).toEqual([
      ['low', 'non-production'],
      ['high', 'production'],
      ['medium', 'non-production'],
      ['low', 'non-production'],
    ]);
    expect(findings[0]!.rated).toEqual({
      from: 'critical',
      because: 'stack examples/complete is not production (path segment "examples"); map it with `environments` in the config if it is',
    });
    expect(fullMessage(findings[0]!)).toBe(
      'If db fails... Rated low instead of critical: stack examples/complete is not production (path segment "examples"); map it with `environments` in the config if it is.',
    );
    expect(findings[1]!.rated).toBeUndefined();
    expect(fullMessage(findings[1]!)).toBe('If db fails...');
  });
});
