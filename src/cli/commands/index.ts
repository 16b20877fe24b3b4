import type { Command } from 'commander';
import { registerDemo } from './demo.js';
import { registerDrill } from './drill.js';
import { registerPublish } from './publish.js';
import { registerRunbooks } from './runbooks.js';

/** Commands beyond validate/gate/<check>: drill, runbooks, publish, init, demo. One per line. */
export const extraCommands: ((program: Command) => void)[] = [
  registerDrill,
  registerRunbooks,
  registerPublish,
  registerDemo,
];
