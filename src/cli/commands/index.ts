import type { Command } from 'commander';
import { registerDrill } from './drill.js';
import { registerInit } from './init.js';
import { registerSignoff } from './signoff.js';

/** Commands beyond validate/gate/<check>: publish, runbooks, init, demo. */
export const extraCommands: ((program: Command) => void)[] = [registerDrill, registerInit, registerSignoff];
