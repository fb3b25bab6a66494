/**
 * Resources that hand their configured values back unchanged, to sequence or to trigger replacement:
 * `time_sleep.x.triggers["cluster_name"]` is the cluster's name, delayed. A resource that reads it
 * references the cluster as well as the pass-through resource, so edges follow who really references
 * whom (the EKS module gives its node groups the cluster name through a `time_sleep`; without this the
 * cluster looked as if it had no node groups but one declared outside the module).
 */
import { unionRefs, type Refs, type Val } from './values.js';

/** Attributes that echo a configured attribute: type -> read attribute -> configured attribute. */
const ECHOED: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  ['time_sleep', new Map([['triggers', 'triggers']])],
  ['null_resource', new Map([['triggers', 'triggers']])],
  ['terraform_data', new Map([['input', 'input'], ['output', 'input']])],
  ['time_static', new Map([['triggers', 'triggers']])],
]);

/** The configured attribute a pass-through resource's attribute echoes, if it is one. */
export function echoedAttribute(type: string, name: string): string | undefined {
  return ECHOED.get(type)?.get(name);
}

/** The echoed value as seen from outside: its own references kept, plus the pass-through resource. */
export function echoedValue(configured: Val, passThrough: Refs): Val {
  return withDeepRefs(configured, passThrough);
}

function withDeepRefs(value: Val, extra: Refs): Val {
  switch (value.t) {
    case 'list':
      return { ...value, items: value.items.map((item) => withDeepRefs(item, extra)), refs: unionRefs(value.refs, extra), own: unionRefs(value.own, extra) };
    case 'obj':
      return {
        ...value,
        fields: new Map([...value.fields].map(([key, field]) => [key, withDeepRefs(field, extra)])),
        refs: unionRefs(value.refs, extra),
        own: unionRefs(value.own, extra),
      };
    default:
      return { ...value, refs: unionRefs(value.refs, extra) };
  }
}
