import type { Command } from 'commander';
import { registerDrill } from './drill.js';

/** Commands beyond validate/gate/<check>: publish, runbooks, init, demo. */
export const extraCommands: ((program: Command) => void)[] = [registerDrill];
