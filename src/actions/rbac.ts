/** Entry of the `rbac` action (bundled to dist/rbac.js); the work happens in runActionCheck. */
import * as core from '@actions/core';
import { runActionEntry } from './action-entry.js';
import { actionDefinitions } from './definitions/index.js';
import { githubPublisher } from './github-publisher.js';
import { runnerStore } from './runner-store.js';

await runActionEntry(actionDefinitions['rbac']!, {
  publisher: githubPublisher,
  store: (local, token) => runnerStore(token, local, (m) => core.info(m)),
});
