import type { Command } from 'commander';
import { registerRunbooks } from './runbooks.js';

/** Commands beyond validate/gate/<check>: publish, runbooks, init, demo. */
export const extraCommands: ((program: Command) => void)[] = [registerRunbooks];
