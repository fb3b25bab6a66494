/**
 * Every `/api/v1` answer a test gets is checked against the API's own OpenAPI 3.1 document
 * (JSON Schema 2020-12): the path's operation, the status among its responses, the body against
 * that response's schema. A mismatch fails the test that made the request.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openApiDocument } from '../../src/dashboard/api/openapi.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const doc = openApiDocument() as { paths: Record<string, { get: { responses: Record<string, { content?: Record<string, { schema: unknown }> }> } }> };
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...doc, $id: 'api' });
const validators = new Map<string, ValidateFunction>();

const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function template(pathname: string): string | undefined {
  const rest = pathname.replace(/^\/api\/v1/, '');
  for (const t of Object.keys(doc.paths)) {
    const re = new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (re.test(rest)) return t;
  }
  return undefined;
}

/** What is wrong with this answer according to the document (empty when it conforms). */
export async function openApiProblems(url: string, res: Response): Promise<string[]> {
  const pathname = new URL(url, 'http://x').pathname;
  if (pathname === '/api/v1/openapi.json') return [];
  const t = template(pathname);
  if (!t) return [`${pathname} is not in the OpenAPI document`];
  const response = doc.paths[t]!.get.responses[String(res.status)];
  if (!response) return [`${t}: status ${res.status} is not documented`];
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (!response.content?.[type]) return [`${t} ${res.status}: content type ${type} is not documented`];
  if (type !== 'application/json') return [];
  const key = `${t} ${res.status}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile({ $ref: `api#/paths/${pointer(t)}/get/responses/${res.status}/content/${pointer('application/json')}/schema` });
    validators.set(key, validate);
  }
  const body = await res.clone().json();
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${key}: ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Problems of every answer checked since the last `takeProblems()`; and how many answers were checked. */
const problems: string[] = [];
let checkedCount = 0;

export async function checkAnswer(url: string, res: Response): Promise<Response> {
  if (new URL(url, 'http://x').pathname.startsWith('/api/v1/')) {
    checkedCount++;
    problems.push(...(await openApiProblems(url, res)));
  }
  return res;
}

export function takeProblems(): { problems: string[]; checked: number } {
  const out = { problems: problems.splice(0), checked: checkedCount };
  checkedCount = 0;
  return out;
}
