import { readFileSync } from 'node:fs';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';

// CJS packages seen through NodeNext: the class / plugin is the default export's `default`.
const Ajv = AjvDraft04Module.default;
const addFormats = addFormatsModule.default;

/**
 * The SARIF 2.1.0 JSON schema (draft-04), vendored from the npm package @microsoft/jest-sarif@1.0.0-beta.0
 * (MIT, lib/schemas/sarif-2.1.0-rtm.5.json). No npm package ships the final OASIS
 * sarif-schema-2.1.0.json; rtm.5 is the 2.1.0 schema GitHub documents against, so GitHub's
 * required fields are also checked one by one in sarif.test.ts.
 */
const schema = JSON.parse(readFileSync(new URL('./sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8')) as Record<string, unknown>;
// The schema's `language` pattern is not a valid unicode RegExp.
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);

export const validate = ajv.compile(schema);
