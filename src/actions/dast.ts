/** Entry of the `dast` action (bundled to dist/dast.js); the work happens in runActionCheck. */
import { runActionEntry } from './action-entry.js';
import { actionDefinitions } from './definitions/index.js';
import { lazyGitHubDeps } from './lazy-github.js';

await runActionEntry(actionDefinitions['dast']!, lazyGitHubDeps);
