import { Router } from 'express';
import type { DefinitionImpactQueryParams, DefinitionPathParams } from '@mandate/contract';
import { requestSchemas, validParams, validQuery } from '../http/requestSchemas.js';
import { principalOf } from '../identity/principalOf.js';
import type { ImpactReplayService } from './ImpactReplayService.js';

/** Routes of `/definitions/{kind}/{id}/impact`: they parse input, call the impact replay and write the report. */
export function impactRoutes(impact: ImpactReplayService): Router {
  const router = Router();

  router.get('/:kind/:id/impact', async (req, res) => {
    const { kind, id } = validParams<DefinitionPathParams>(requestSchemas.definitionPath, { ...req.params });
    const q = validQuery<DefinitionImpactQueryParams>(requestSchemas.definitionImpactQuery, req.query);
    res.json(
      await impact.impact(principalOf(res), kind, id, {
        candidate: Number(q.candidate),
        ...(q.from !== undefined ? { from: q.from } : {}),
        ...(q.to !== undefined ? { to: q.to } : {}),
      }),
    );
  });

  return router;
}
