import type { Command } from 'commander';

/** Commands beyond validate/gate/<check>: publish, runbooks, init, demo. */
export const extraCommands: ((program: Command) => void)[] = [];
