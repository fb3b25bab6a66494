/**
 * The sections of a parsed template that evaluation needs: parameters, mappings, conditions and
 * resources, each with where it is written. Structural problems become diagnostics; the rest goes on.
 */
import type { Diagnostic } from '../../model/index.js';
import { entryOf, field, scalarString, type MapEntry, type MapNode, type Node } from './tree.js';

export interface ParameterDef {
  name: string;
  /** `String`, `Number`, `CommaDelimitedList`, `List<AWS::EC2::Subnet::Id>`, `AWS::SSM::Parameter::Value<String>`, ... */
  type: string;
  default?: Node;
  /** AllowedValues as strings, when given: a fix must stay inside them. */
  allowed?: string[];
  line: number;
}

export interface ResourceDef {
  id: string;
  type: string;
  node: MapNode;
  /** The logical id's line to the end of the resource. */
  line: number;
  endLine: number;
  properties?: Node;
  /** The `Properties:` entry (where a missing property is inserted). */
  propertiesEntry?: MapEntry;
  condition?: { name: string; line: number };
  dependsOn?: MapEntry;
  metadata?: Node;
}

export interface Template {
  file: string;
  syntax: 'yaml' | 'json';
  parameters: Map<string, ParameterDef>;
  mappings?: MapNode;
  conditions: Map<string, MapEntry>;
  resources: ResourceDef[];
  /** A SAM (or other) transform creates resources that are not written in the template. */
  transformed: boolean;
}

/** Whether a parsed document is a CloudFormation template at all. */
export function isTemplate(root: Node | undefined): root is MapNode {
  if (root?.kind !== 'map') return false;
  if (root.byKey.has('AWSTemplateFormatVersion')) return true;
  const resources = field(root, 'Resources');
  if (resources?.kind !== 'map') return false;
  return resources.entries.some((e) => /^(AWS|Alexa|Custom)::/.test(scalarString(field(e.value, 'Type')) ?? '') || e.key.startsWith('Fn::ForEach::'));
}

export function readTemplate(file: string, syntax: 'yaml' | 'json', root: MapNode, diagnostics: Diagnostic[]): Template {
  const warn = (line: number, message: string) => diagnostics.push({ file, line, severity: 'warning', message });
  const t: Template = { file, syntax, parameters: new Map(), conditions: new Map(), resources: [], transformed: false };

  const transform = field(root, 'Transform');
  if (transform) t.transformed = true;

  const params = field(root, 'Parameters');
  if (params?.kind === 'map') {
    for (const e of params.entries) {
      if (e.value.kind !== 'map') {
        warn(e.keyLine, `parameter ${e.key} is not a map of settings; it is ignored`);
        continue;
      }
      const def: ParameterDef = { name: e.key, type: scalarString(field(e.value, 'Type')) ?? 'String', line: e.keyLine };
      const d = field(e.value, 'Default');
      if (d) def.default = d;
      const allowed = field(e.value, 'AllowedValues');
      if (allowed?.kind === 'seq') {
        const values = allowed.items.map(scalarString);
        if (values.every((v) => v !== undefined)) def.allowed = values as string[];
      }
      t.parameters.set(e.key, def);
    }
  }

  const mappings = field(root, 'Mappings');
  if (mappings?.kind === 'map') t.mappings = mappings;

  const conditions = field(root, 'Conditions');
  if (conditions?.kind === 'map') for (const e of conditions.entries) t.conditions.set(e.key, e);

  const resources = entryOf(root, 'Resources');
  if (!resources) {
    warn(1, 'the template has no Resources section');
    return t;
  }
  if (resources.value.kind !== 'map') {
    warn(resources.keyLine, 'Resources is not a map of resources; nothing is reviewed');
    return t;
  }
  for (const e of resources.value.entries) {
    if (e.key.startsWith('Fn::ForEach::')) {
      warn(e.keyLine, `${e.key} (AWS::LanguageExtensions) is not expanded: the resources it generates are not reviewed`);
      continue;
    }
    const node = e.value;
    if (node.kind !== 'map') {
      warn(e.keyLine, `resource ${e.key} is not a map; it is ignored`);
      continue;
    }
    const typeNode = field(node, 'Type');
    if (field(typeNode, 'Rain::Module') || typeNode?.tag === '!Rain::Module') {
      // Rain modules are expanded by the rain CLI before deployment; what they create is not written here.
      t.transformed = true;
      warn(e.keyLine, `resource ${e.key} is a Rain module (expanded by the rain CLI): the resources it creates are not reviewed`);
      continue;
    }
    const type = scalarString(typeNode);
    if (type === undefined) {
      warn(e.keyLine, `resource ${e.key} has no Type; it is ignored`);
      continue;
    }
    const r: ResourceDef = { id: e.key, type, node, line: e.keyLine, endLine: Math.max(e.keyLine, node.endLine) };
    const props = entryOf(node, 'Properties');
    if (props) {
      r.properties = props.value;
      r.propertiesEntry = props;
    }
    const cond = entryOf(node, 'Condition');
    const condName = scalarString(cond?.value);
    if (cond && condName !== undefined) r.condition = { name: condName, line: cond.keyLine };
    else if (cond) warn(cond.keyLine, `Condition of ${e.key} must be a condition name`);
    const dependsOn = entryOf(node, 'DependsOn');
    if (dependsOn) r.dependsOn = dependsOn;
    const metadata = field(node, 'Metadata');
    if (metadata) r.metadata = metadata;
    t.resources.push(r);
  }
  return t;
}
