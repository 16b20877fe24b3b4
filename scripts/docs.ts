import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generatedDocs } from './lib/generated-files.js';

/** Write the generated JSON Schemas and the configuration reference. */
for (const [file, content] of Object.entries(generatedDocs())) {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  console.log(`wrote ${file}`);
}
