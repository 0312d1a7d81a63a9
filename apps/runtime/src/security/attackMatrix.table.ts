/**
 * The attack matrix's specification: for every route (and a few attacks on one route, after `·`),
 * the outcome class each class of caller must get. The test (`attackMatrix.test.ts`) sends every
 * row as every demo principal, with no token and with another tenant's token, against an item of
 * every shipped task type where the route acts on an item, and holds each answer to its cell.
 *
 * Columns (`roleClassOf` in test-support decides a caller's class against the cell's target):
 *   anon   no Authorization header
 *   other  a valid token of another tenant (raj, ACME_APAC)
 *   coll   a person of the tenant with no relation to the target (rita on a discount approval)
 *   cand   a person in the item's candidate groups
 *   mgr    a candidate who is also in the item's escalation group (manager authority for it)
 *   esc    in the escalation group but no candidate (manages the queue, does not work it)
 *   wfop   a person with the role WORKFLOW_OPERATOR (process targets only)
 *   aud    an auditor: reads everything of the tenant, writes nothing
 *   gov    a governance admin; `contr` the admin who drafted (or edited) the target version
 *   svc    a domain service (role SERVICE: cpq, oms)
 *
 * Cells: `2xx`, `401`, `403`, `404`, `409`, `422`; `-` where no caller falls into the column for
 * this row's target (the test fails if one does). `notOffered` is the outcome for every caller of
 * the tenant (auditors' writes excepted: the read-only rule refuses them first) where the task
 * type's action policy does not offer the action at all.
 *
 * Targets: `item` rows run once per shipped task type; a command that must be refused is sent to
 * an item shared by all refused cells (the test then checks that the item did not change), a
 * command that may succeed gets an item of its own. Commands on a claimed item find it claimed by
 * the caller when the caller may claim it, else by a case worker who is never a caller. A request
 * without a token is sent for the first target of a row only: it is refused before any target is
 * read, and unauthenticated requests count against a strict per-address rate limit.
 */
import type { RoleClass } from '../../test-support/attackMatrix/roleClassOf.js';

/** An outcome class, or `-` for a column that no caller of the row's target falls into. */
export type Cell = '2xx' | '401' | '403' | '404' | '409' | '422' | '-';

/** One row: a route (`METHOD /path/{template}`, and ` · attack` for a variant) and its cells. */
export interface MatrixRow {
  route: string;
  cells: Record<RoleClass, Cell>;
  notOffered?: Cell;
  /** Process rows: a caller holding a role the process declares in `mandate:starters` gets 2xx, in its own tenant. */
  declaredStarters?: true;
  note?: string;
}

const COLUMNS: RoleClass[] = ['anonymous', 'otherTenant', 'colleague', 'candidate', 'manager', 'escalationOwner', 'workflowOperator', 'auditor', 'governance', 'contributor', 'service'];

/** A row from its cells in column order (see the header comment). */
function row(route: string, line: string, extra: Omit<MatrixRow, 'route' | 'cells'> = {}): MatrixRow {
  const words = line.trim().split(/\s+/);
  if (words.length !== COLUMNS.length) throw new Error(`${route}: ${words.length} cells for ${COLUMNS.length} columns`);
  const cells = {} as Record<RoleClass, Cell>;
  COLUMNS.forEach((column, i) => {
    cells[column] = words[i] as Cell;
  });
  return { route, cells, ...extra };
}

const INSTANCE_READERS = 'a process instance is read by services and workflow operators only';

// prettier-ignore
export const ATTACK_MATRIX: MatrixRow[] = [
  //                                                                       anon other coll cand mgr  esc  wfop aud  gov  contr svc
  row('GET /openapi.json',                                                '2xx  2xx  2xx  -    -    -    -    2xx  2xx  -    2xx'),
  row('GET /api/reference',                                               '2xx  2xx  2xx  -    -    -    -    2xx  2xx  -    2xx', { note: 'a static page that renders /openapi.json' }),
  row('GET /metrics',                                                     '2xx  2xx  2xx  -    -    -    -    2xx  2xx  -    2xx', { note: 'counters by task type, decision and code only; the scan checks it for every marker' }),
  row('GET /healthz',                                                     '2xx  2xx  2xx  -    -    -    -    2xx  2xx  -    2xx'),
  row('POST /auth/dev/token',                                             '2xx  2xx  2xx  -    -    -    -    2xx  2xx  -    2xx', { note: 'the development identity only; absent in JWT mode' }),

  row('GET /work-items',                                                  '401  2xx  2xx  -    -    -    -    2xx  2xx  -    2xx', { note: "each caller's own tenant; evidence projected per item" }),
  row('GET /work-items/count',                                            '401  2xx  2xx  -    -    -    -    2xx  2xx  -    2xx'),
  row('POST /work-items',                                                 '401  2xx  2xx  2xx  2xx  2xx  -    403  2xx  -    2xx', { note: "another tenant's caller creates in its own tenant" }),
  row('POST /work-items · candidate groups beyond the task type',         '401  403  403  -    -    -    -    403  403  -    403', { note: 'a service may only narrow them to a subset of the task type\'s' }),
  row('POST /work-items · a callerRef',                                   '401  403  403  -    -    -    -    403  403  -    2xx'),
  row('POST /work-items · requestedBy someone else',                      '401  403  403  -    -    -    -    403  403  -    2xx'),
  row('GET /work-items/{id}',                                             '401  404  2xx  2xx  2xx  2xx  -    2xx  2xx  -    2xx'),
  row('GET /work-items/{id}/allowed-actions',                             '401  404  2xx  2xx  2xx  2xx  -    2xx  2xx  -    2xx'),
  row('GET /work-items/{id}/actions',                                     '401  404  2xx  2xx  2xx  2xx  -    2xx  2xx  -    2xx'),
  row('POST /work-items/{id}/claim',                                      '401  404  403  2xx  2xx  403  -    403  403  -    403'),
  row('POST /work-items/{id}/release',                                    '401  404  403  2xx  2xx  403  -    403  403  -    403', { notOffered: '422' }),
  row('POST /work-items/{id}/delegate',                                   '401  404  403  2xx  2xx  403  -    403  403  -    403', { notOffered: '422' }),
  row('POST /work-items/{id}/resolve-delegation',                         '401  404  403  403  403  403  -    403  403  -    403', { notOffered: '422', note: 'delegated to someone who is never a caller: only the delegate hands it back' }),
  row('POST /work-items/{id}/reassign',                                   '401  404  403  403  2xx  2xx  -    403  403  -    403', { notOffered: '422', note: 'to a demo user who may work the item; task types without one are left out' }),
  row('POST /work-items/{id}/reassign · to someone who may not work the item', '401  404  403  403  422  422  -    403  403  -    403', { notOffered: '422', note: 'manager authority, but the assignee may not claim the item: ASSIGNEE_NOT_ELIGIBLE' }),
  row('POST /work-items/{id}/reassign · a reason code not declared for it', '401  404  403  403  422  422  -    403  403  -    403', { notOffered: '422', note: 'BECAUSE_I_SAY_SO, to someone who may work the item: REASON_CODE_NOT_ALLOWED, after who may (403)' }),
  row('POST /work-items/{id}/escalate',                                   '401  404  403  2xx  2xx  403  -    403  403  -    403', { notOffered: '422' }),
  row('POST /work-items/{id}/escalate · a reason code not declared for it', '401  404  403  422  422  403  -    403  403  -    403', { notOffered: '422', note: 'BECAUSE_I_SAY_SO: REASON_CODE_NOT_ALLOWED' }),
  row('POST /work-items/{id}/comments',                                   '401  404  403  2xx  2xx  403  -    403  403  -    403', { notOffered: '422' }),
  row('POST /work-items/{id}/decisions',                                  '401  404  403  2xx  2xx  403  -    403  403  -    403', { note: 'an option that needs no authority, evidence or acknowledgement: the cell is about who decides' }),
  row('POST /work-items/{id}/actions/{actionCode}',                       '401  404  403  2xx  2xx  403  -    403  403  -    403', { notOffered: '404' }),
  row('POST /events',                                                     '401  403  403  403  403  403  -    403  403  -    2xx'),

  row('GET /audit',                                                       '401  403  403  -    -    -    -    2xx  2xx  -    403'),
  row('POST /audit/checkpoints',                                          '401  403  403  -    -    -    -    403  2xx  -    2xx', { note: 'signed on demand by governance admins and services; periodically by the runtime' }),
  row('GET /audit/verify',                                                '401  403  403  -    -    -    -    2xx  2xx  -    403'),

  row('GET /definitions',                                                 '401  2xx  2xx  -    -    -    -    2xx  2xx  -    2xx', { note: 'published versions for everyone; drafts for governance readers' }),
  row('GET /definitions/import-conflicts',                                '401  403  403  -    -    -    -    2xx  2xx  -    403'),
  row('GET /definitions/{kind}/{id}/versions',                            '401  2xx  2xx  -    -    -    -    2xx  2xx  -    2xx'),
  row('GET /definitions/{kind}/{id}/references',                          '401  2xx  2xx  -    -    -    -    2xx  2xx  -    2xx', { note: "published versions for everyone; open items counted in each caller's own tenant" }),
  row('GET /definitions/{kind}/{id}/versions/{version}',                  '401  2xx  2xx  -    -    -    -    2xx  2xx  -    2xx'),
  row('GET /definitions/{kind}/{id}/diff',                                '401  2xx  2xx  -    -    -    -    2xx  2xx  -    2xx'),
  row('GET /definitions/{kind}/{id}/impact',                              '401  403  403  -    -    -    -    2xx  2xx  -    403'),
  row('POST /definitions/{kind}/{id}/drafts',                             '401  403  403  -    -    -    -    403  2xx  2xx  403'),
  row('PUT /definitions/{kind}/{id}/versions/{version}',                  '401  403  403  -    -    -    -    403  2xx  2xx  403'),
  row('POST /definitions/{kind}/{id}/versions/{version}/submit',          '401  403  403  -    -    -    -    403  2xx  2xx  403'),
  row('POST /definitions/{kind}/{id}/versions/{version}/approve',         '401  403  403  -    -    -    -    403  2xx  403  403'),
  row('POST /definitions/{kind}/{id}/versions/{version}/approve · by an admin who edited the draft', '401  403  403  -    -    -    -    403  -    403  403'),
  row('POST /definitions/{kind}/{id}/versions/{version}/reject',          '401  403  403  -    -    -    -    403  2xx  403  403'),
  row('POST /definitions/{kind}/{id}/versions/{version}/publish',         '401  403  403  -    -    -    -    403  2xx  2xx  403'),
  row('POST /definitions/{kind}/{id}/versions/{version}/retire',          '401  403  403  -    -    -    -    403  2xx  2xx  403'),
  row('POST /definitions/{kind}/{id}/versions/{version}/simulate',        '401  403  403  403  403  403  -    403  2xx  -    403', { note: "the item's task type version, through the eyes of every role a visibility policy names: an admin is still shown no more than GET /work-items/{id} shows them" }),
  row('POST /definitions/{kind}/{id}/migrations',                         '401  403  403  -    -    -    -    403  2xx  -    403', { note: 'a dry run' }),

  row('GET /processes',                                                   '401  2xx  2xx  -    -    -    -    2xx  2xx  -    2xx'),
  row('POST /processes/{key}/instances',                                  '401  403  403  -    -    -    403  403  403  -    2xx', { declaredStarters: true, note: 'cells are for callers without a starter role of the process' }),
  row('GET /processes/{key}/instances/{id}',                              '401  403  403  -    -    -    2xx  403  403  -    2xx', { note: `${INSTANCE_READERS}; refused before the lookup, so another tenant's person learns nothing either` }),
];
