/**
 * The demo users of the runtime's development identity (apps/runtime/src/identity/devDirectory.json),
 * for the login picker. Only ids and a hint: names, roles and groups come from the issued token.
 */
export const DEMO_USERS: readonly { id: string; hint: string }[] = [
  { id: 'rita', hint: 'Sales rep, quote owner' },
  { id: 'sam', hint: 'Sales manager' },
  { id: 'dana', hint: 'Regional sales director EMEA, 35% authority' },
  { id: 'raj', hint: 'Regional sales director APAC' },
  { id: 'fiona', hint: 'Finance approver' },
  { id: 'olga', hint: 'Operations lead' },
  { id: 'otto', hint: 'Operations lead, second approvals' },
  { id: 'mia', hint: 'Team manager, may reassign' },
  { id: 'aude', hint: 'Auditor' },
  { id: 'gabe', hint: 'Governance admin' },
  { id: 'gina', hint: 'Governance admin' },
];
