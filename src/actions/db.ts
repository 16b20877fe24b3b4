/** Entry of the `db` action (bundled to dist/db.js); the work happens in runActionCheck. */
import * as core from '@actions/core';
import { runActionEntry } from './action-entry.js';
import { actionDefinitions } from './definitions/index.js';
import { githubPublisher } from './github-publisher.js';
import { runnerStore } from './runner-store.js';

await runActionEntry(actionDefinitions['db']!, {
  publisher: githubPublisher,
  store: (local, token) => runnerStore(token, local, (m) => core.info(m)),
});
