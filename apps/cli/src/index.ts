/** The `mandate` command line, runnable in-process for tests. */
export { main, EXIT_USAGE, EXIT_INTERNAL } from './main.js';
export { colors, type Io } from './io.js';
