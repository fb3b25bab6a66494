import { describe, expect, it } from 'vitest';
import { LabelIndex, matches, selectorKey, type Selector } from '../../../src/formats/kubernetes/selectors.js';

const set = (id: string, ns: string, labels: Record<string, string>) => ({ id, ns, labels: new Map(Object.entries(labels)) });
const sel = (labels: Record<string, string>, expressions: Selector['expressions'] = []): Selector => ({ labels: new Map(Object.entries(labels)), expressions });

describe('LabelIndex (issue 10: selectors answered without trying every pod set)', () => {
  const sets = [
    set('web', 'a', { app: 'web', tier: 'front' }),
    set('api', 'a', { app: 'api', tier: 'back' }),
    set('api-b', 'b', { app: 'api', tier: 'back' }),
    set('worker', 'a', { app: 'worker', tier: 'back' }),
    set('bare', 'a', {}),
  ];
  const index = new LabelIndex(sets);
  const ids = (s: Selector, ns: string) => index.select(s, ns).map((x) => x.id);

  it('answers what trying every set of the namespace answers, in the order the sets were given', () => {
    const selectors = [
      sel({ tier: 'back' }),
      sel({ app: 'api', tier: 'back' }),
      sel({ app: 'api', tier: 'front' }),
      sel({ app: 'missing' }),
      sel({}),
      sel({ tier: 'back' }, [{ key: 'app', operator: 'NotIn', values: ['api'] }]),
      sel({}, [{ key: 'app', operator: 'Exists', values: [] }]),
      sel({}, [{ key: 'app', operator: 'DoesNotExist', values: [] }]),
      sel({}, [{ key: 'app', operator: 'Bogus', values: [] }]),
    ];
    for (const s of selectors) {
      for (const ns of ['a', 'b', 'c']) expect(ids(s, ns)).toEqual(sets.filter((x) => x.ns === ns && matches(s, x.labels)).map((x) => x.id));
    }
    expect(ids(sel({ tier: 'back' }), 'a')).toEqual(['api', 'worker']);
    expect(ids(sel({ app: 'api' }), 'b')).toEqual(['api-b']);
    expect(ids(sel({}), 'a')).toEqual(['web', 'api', 'worker', 'bare']);
  });

  it('one key per distinct selector, whatever the order of its labels', () => {
    expect(selectorKey(sel({ a: '1', b: '2' }))).toBe(selectorKey(sel({ b: '2', a: '1' })));
    expect(selectorKey(sel({ a: '1' }))).not.toBe(selectorKey(sel({ a: '2' })));
    expect(selectorKey(sel({ a: '1' }))).not.toBe(selectorKey(sel({ a: '1' }, [{ key: 'b', operator: 'Exists', values: [] }])));
  });
});
