import type { MandateClient } from '@mandate/client';
import type { GovernanceApi } from './governanceTypes.js';

/** The governance calls of the studio over the typed client. */
export function governanceApiOf(client: MandateClient): GovernanceApi {
  return {
    list: async (kind) => (await client.listDefinitions(kind)).definitions,
    versions: async (kind, id) => (await client.definitionVersions(kind, id)).versions,
    version: (kind, id, version) => client.getDefinitionVersion(kind, id, version),
    createDraft: (kind, id, body) => client.createDraft(kind, id, body),
    updateDraft: (kind, id, version, body) => client.updateDraft(kind, id, version, body),
    submit: (kind, id, version) => client.submitDefinition(kind, id, version),
    approve: (kind, id, version, comment, contentHash) => client.approveDefinition(kind, id, version, comment, { contentHash }),
    reject: (kind, id, version, comment) => client.rejectDefinition(kind, id, version, comment),
    publish: (kind, id, version, effectiveFrom) => client.publishDefinition(kind, id, version, effectiveFrom === undefined ? {} : { effectiveFrom }),
    retire: (kind, id, version) => client.retireDefinition(kind, id, version),
    references: (kind, id) => client.definitionReferences(kind, id),
    migrate: (taskType, body) => client.migrateWorkItems(taskType, body),
    diff: (kind, id, from, to) => client.diffDefinitionVersions(kind, id, from, to),
    impact: (kind, id, candidate) => client.definitionImpact(kind, id, { candidate }),
  };
}
