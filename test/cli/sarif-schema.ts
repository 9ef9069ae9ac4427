import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { ROOT } from "./helpers";

const schemaPath = path.join(ROOT, "node_modules", "@microsoft", "jest-sarif", "lib", "schemas", "sarif-2.1.0-rtm.5.json");

export function sarifValidator(): (doc: unknown) => string[] {
  const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
  // The schema is draft-04 (`id`, `$schema`); it uses no keyword whose meaning changed since, so ajv 8 reads it as draft-07.
  delete schema.$schema;
  delete schema.id;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }) // the schema's patterns are not valid under the `u` flag;
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}
