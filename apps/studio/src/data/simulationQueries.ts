/**
 * Trying a definition version before proposing it (`POST .../versions/{version}/simulate`): a
 * mutation, not a query, because each run is asked for with the admin's chosen item and person;
 * it writes nothing on the server, so it invalidates nothing.
 */
import type { DefinitionSimulation, SimulateDefinition } from '@mandate/client';
import { useMutation } from '@tanstack/react-query';
import { useSession } from '../session/SessionContext.js';

/** Runs a simulation of `kind` `id` version `version` against the published version. */
export function useSimulation(kind: string, id: string, version: number) {
  const { client } = useSession();
  return useMutation<DefinitionSimulation, unknown, SimulateDefinition>({
    mutationFn: (body) => client.simulateDefinition(kind, id, version, body),
  });
}
