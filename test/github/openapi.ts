/**
 * Validates the requests the app sends against GitHub's official OpenAPI description
 * (`@octokit/openapi`, api.github.com): the operation must exist for the method and path, and a
 * JSON body must match the operation's requestBody schema. Loaded once per test worker.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a default export; NodeNext sees the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

interface Operation {
  method: string;
  template: string;
  regex: RegExp;
  /** Literal segments: more is more specific (`/pulls/comments` beats `/pulls/{pull_number}`). */
  literals: number;
  hasBody: boolean;
  bodyRequired: boolean;
  operationId: string;
}

interface Spec {
  paths: Record<string, Record<string, { operationId?: string; requestBody?: { required?: boolean } }>>;
  components: Record<string, unknown>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head'];

let loaded: { ajv: Ajv; operations: Operation[]; validators: Map<string, ValidateFunction> } | undefined;

function load() {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
  const spec = JSON.parse(readFileSync(file, 'utf8')) as Spec;
  // OpenAPI 3.0: `nullable` is understood by ajv; `example`, `x-github`, `discriminator` are not
  // validation keywords, so strict mode is off and unknown formats are ignored.
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'gh', paths: spec.paths, components: spec.components });
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      operations.push({
        method: method.toUpperCase(),
        template,
        regex: new RegExp(`^${source}$`),
        literals: template.split('/').filter((s) => s && !s.startsWith('{')).length,
        hasBody: op.requestBody !== undefined,
        bodyRequired: op.requestBody?.required === true,
        operationId: op.operationId ?? `${method} ${template}`,
      });
    }
  }
  operations.sort((a, b) => b.literals - a.literals);
  loaded = { ajv, operations, validators: new Map() };
  return loaded;
}

const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export interface Checked {
  operationId: string;
  template: string;
  errors: string[];
}

/** The operation a request maps to, and what is wrong with its body (empty when valid). */
export function checkRequest(method: string, path: string, body: unknown): Checked {
  const { ajv, operations, validators } = load();
  const pathname = path.split('?')[0]!;
  const op = operations.find((o) => o.method === method.toUpperCase() && o.regex.test(pathname));
  if (!op) return { operationId: '?', template: '?', errors: [`${method} ${pathname} is not an operation of the GitHub REST API`] };
  if (!op.hasBody) {
    const empty = body === undefined || body === '' || (typeof body === 'object' && body !== null && Object.keys(body).length === 0);
    return { operationId: op.operationId, template: op.template, errors: empty ? [] : [`${op.operationId} takes no request body`] };
  }
  if (body === undefined && !op.bodyRequired) return { operationId: op.operationId, template: op.template, errors: [] };
  const key = `${op.method} ${op.template}`;
  let validate = validators.get(key);
  if (!validate) {
    const ref = `gh#/paths/${pointer(op.template)}/${op.method.toLowerCase()}/requestBody/content/${pointer('application/json')}/schema`;
    validate = ajv.compile({ $ref: ref });
    validators.set(key, validate);
  }
  const ok = validate(body);
  const errors = ok ? [] : (validate.errors ?? []).map((e) => `${op.operationId}: body${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  return { operationId: op.operationId, template: op.template, errors };
}
