/** Entry of the `headers` action (bundled to dist/headers.js); the work happens in runActionCheck. */
import { runActionEntry } from './action-entry.js';
import { actionDefinitions } from './definitions/index.js';
import { lazyGitHubDeps } from './lazy-github.js';

await runActionEntry(actionDefinitions['headers']!, lazyGitHubDeps);
