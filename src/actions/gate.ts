/** Entry of the `gate` action (bundled to dist/gate.js); the work happens in runActionCheck. */
import { runActionEntry } from './action-entry.js';
import { actionDefinitions } from './definitions/index.js';
import { lazyGitHubDeps } from './lazy-github.js';

await runActionEntry(actionDefinitions['gate']!, lazyGitHubDeps);
