import type { Knex } from 'knex';

/**
 * A decision commits in one statement (docs/runtime-benchmarks.md): the decision, the item's
 * transition, the outbox command, the idempotency answer and the audit event are data-modifying
 * CTEs of one INSERT, so one round trip instead of seven (BEGIN and COMMIT included).
 *
 * `mandate_require` is how such a statement refuses: the item's transition is conditional on its
 * row version, and when it matched no row the statement must write nothing. Raising an error from
 * the main query aborts the whole statement, CTEs included; SQLSTATE `MD409` tells the store it was
 * a refusal and the message names the code.
 *
 * `decision.actor_context` keeps the decider as the policy saw them (roles, groups, tenant, region),
 * so impact replay can evaluate a past decision under another definition version.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function mandate_require(p_ok boolean, p_code text) returns boolean
    language plpgsql volatile as $$
    begin
      if not p_ok then
        raise exception using errcode = 'MD409', message = p_code;
      end if;
      return true;
    end $$`);
  await knex.raw(`comment on function mandate_require(boolean, text) is 'Aborts the statement with SQLSTATE MD409 and the given code unless p_ok: a one-statement command''s refusal.'`);
  await knex.schema.alterTable('decision', (t) => {
    t.jsonb('actor_context').comment('The decider as the policy saw them: id, roles, groups, tenant, region (null before this column existed).');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('decision', (t) => {
    t.dropColumn('actor_context');
  });
  await knex.raw('drop function if exists mandate_require(boolean, text)');
}
