// `gofile schema`: the JSON Schema of gofile.yaml, for editors (yaml-language-server) and CI validators.
import type { Io } from '../io.js';
import { schemaText } from '../spec/jsonschema.js';

export function runSchema(io: Io): number {
  io.stdout(schemaText());
  return 0;
}
