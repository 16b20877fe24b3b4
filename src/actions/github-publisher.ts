import { unavailablePublisher, type Publisher } from './publish-step.js';

/**
 * The publisher the bundled actions use. Points at the src/github implementation once it is
 * part of the build; until then evidence is kept on disk and the job says so.
 */
export const githubPublisher: Publisher = unavailablePublisher;
