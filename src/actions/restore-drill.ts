/** Entry of the `restore-drill` action (bundled to dist/restore-drill.js); the work happens in runActionCheck. */
import { runActionEntry } from './action-entry.js';
import { actionDefinitions } from './definitions/index.js';
import { lazyGitHubDeps } from './lazy-github.js';

await runActionEntry(actionDefinitions['restore-drill']!, lazyGitHubDeps);
