import type { RoutedCommand } from '@mandate/workflow';

/**
 * Camunda 7 is polled for one Mandate tenant (`MANDATE_CAMUNDA_TENANT`), so its tasks and
 * instances are that tenant's only. A command of another tenant (an item there bound to a Camunda
 * task by a copied callerRef) is closed with a note and never sent: Camunda would take a task id
 * from anyone.
 */
export function withinCamundaTenant(routed: RoutedCommand, camundaTenant: string | undefined): RoutedCommand {
  if (routed.kind === 'none' || routed.engine !== 'camunda7' || routed.command.tenantId === camundaTenant) return routed;
  return { kind: 'none', note: `no Camunda 7 task or process of tenant ${routed.command.tenantId}` };
}
