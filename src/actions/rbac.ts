/** Entry of the `rbac` action (bundled to dist/rbac.js); the work happens in runActionCheck. */
import { runActionEntry } from './action-entry.js';
import { actionDefinitions } from './definitions/index.js';
import { lazyGitHubDeps } from './lazy-github.js';

await runActionEntry(actionDefinitions['rbac']!, lazyGitHubDeps);
