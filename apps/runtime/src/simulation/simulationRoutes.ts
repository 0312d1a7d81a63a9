import { Router } from 'express';
import type { DefinitionPathParams, SimulateDefinition } from '@mandate/contract';
import { requestSchemas, validBody, validParams } from '../http/requestSchemas.js';
import { principalOf } from '../identity/principalOf.js';
import type { DefinitionSimulationService } from './DefinitionSimulationService.js';

/** `POST /definitions/{kind}/{id}/versions/{version}/simulate`: parses input, calls the simulation and writes its result. A read sent as POST: no Idempotency-Key. */
export function simulationRoutes(simulation: DefinitionSimulationService): Router {
  const router = Router();

  router.post('/:kind/:id/versions/:version/simulate', async (req, res) => {
    const { kind, id, version } = validParams<DefinitionPathParams>(requestSchemas.definitionPath, { ...req.params });
    const body = validBody<SimulateDefinition>(requestSchemas.simulateDefinition, req.body);
    res.json(await simulation.simulate(principalOf(res), kind, id, Number(version), body));
  });

  return router;
}
