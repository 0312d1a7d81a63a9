/** The command line asks for something that cannot be done (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}
