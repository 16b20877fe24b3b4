import {
  configJsonSchema,
  configReferenceMarkdown,
  evidenceJsonSchema,
} from '../../src/core/config/generated-docs.js';

/** Repository-relative path → content of every file generated from the schemas. */
export function generatedDocs(): Record<string, string> {
  return {
    'schema/opsgate.schema.json': JSON.stringify(configJsonSchema(), null, 2) + '\n',
    'schema/evidence.schema.json': JSON.stringify(evidenceJsonSchema(), null, 2) + '\n',
    'docs/config-reference.md': configReferenceMarkdown(),
  };
}
