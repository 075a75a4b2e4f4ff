/**
 * OpenAI's strict structured outputs require every object schema to list all of its properties
 * as required and to set `additionalProperties: false`, at every depth. Returns a new schema;
 * the request that owns the input is not touched.
 * @see https://platform.openai.com/docs/guides/structured-outputs#supported-schemas
 */

type Schema = Record<string, unknown>;

/** Keywords whose value is a map of name → subschema. */
const SCHEMA_MAP_KEYWORDS = ['properties', '$defs', 'definitions', 'patternProperties'] as const;
/** Keywords whose value is a subschema or a list of them. */
const SUBSCHEMA_KEYWORDS = ['items', 'prefixItems', 'anyOf', 'oneOf', 'allOf', 'not', 'if', 'then', 'else', 'contains'] as const;

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

function strictSubschemas(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strictSubschemas);
  return isSchema(value) ? toStrictJsonSchema(value) : value;
}

export function toStrictJsonSchema(schema: Schema): Schema {
  const strict: Schema = { ...schema };
  for (const keyword of SCHEMA_MAP_KEYWORDS) {
    const children = schema[keyword];
    if (isSchema(children)) strict[keyword] = Object.fromEntries(Object.entries(children).map(([name, child]) => [name, strictSubschemas(child)]));
  }
  for (const keyword of SUBSCHEMA_KEYWORDS) {
    if (keyword in schema) strict[keyword] = strictSubschemas(schema[keyword]);
  }
  const isObjectSchema = schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object')) || isSchema(schema.properties);
  if (isObjectSchema) {
    strict.additionalProperties = false;
    strict.required = Object.keys(isSchema(schema.properties) ? schema.properties : {});
  }
  return strict;
}
