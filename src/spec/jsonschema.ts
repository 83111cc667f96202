// The spec's JSON Schema, shipped as schema/gofile.schema.json: the one statement of the spec's shape.
import schemaJson from '../../schema/gofile.schema.json' with { type: 'json' };

/** The subset of JSON Schema the spec uses; the loader interprets exactly this. */
export interface SchemaNode {
  /** `['string', 'number']`: text, where a plain YAML number is taken as its source text (`go: 1.20`). */
  type?: 'string' | 'boolean' | 'integer' | 'array' | 'object' | ['string', 'number'];
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  propertyNames?: { pattern: string };
  items?: SchemaNode;
  minItems?: number;
  enum?: string[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  anyOf?: SchemaNode[];
  /** Exactly one alternative's keys present (`healthcheck`: `cmd` or `shell`); their `properties` only name the keys for strict validators. */
  oneOf?: { required: string[] }[];
}

export const SPEC_SCHEMA = schemaJson as unknown as SchemaNode & { properties: Record<string, SchemaNode> };

/** The schema as the text `gofile schema` prints. */
export function schemaText(): string {
  return JSON.stringify(schemaJson, null, 2) + '\n';
}
