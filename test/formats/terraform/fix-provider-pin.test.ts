import { describe, expect, it } from 'vitest';
import { highestAllowedBelow } from '../../../src/formats/terraform/fix-provider-pin.js';

describe('provider pins that rule out a fix argument', () => {
  it('knows which constraints stay below a version', () => {
    const v4: [number, number, number] = [4, 0, 0];
    for (const below of ['~> 3.74', '~> 3.74.0', '3.74.0', '= 3.74.0', '< 4.0', '<= 3.99.1', '>= 3.0, < 4.0']) expect([below, highestAllowedBelow(below, v4)]).toEqual([below, true]);
    for (const reaches of ['>= 3.0', '~> 4.0', '~> 3', '>= 2.0, != 3.1.0', '4.0.0', '~> 5.0', 'latest']) expect([reaches, highestAllowedBelow(reaches, v4)]).toEqual([reaches, false]);
  });
});
