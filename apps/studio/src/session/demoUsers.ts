/**
 * The demo users of the runtime's development identity (apps/runtime/src/identity/devDirectory.json),
 * for the login picker. Only ids: the hint beside each is the `session` namespace's `users.<id>`;
 * names, roles and groups come from the issued token.
 */
export const DEMO_USERS: readonly string[] = ['rita', 'sam', 'dana', 'raj', 'fiona', 'olga', 'otto', 'mia', 'aude', 'gabe', 'gina'];
