/**
 * What every request passes before any route: a request id its log lines carry (the caller's
 * `X-Request-Id` when it is a plain token), JSON bodies of at most 256 kB, commands refused
 * unless they carry JSON, and bodies too deep or holding NUL characters refused before they are read.
 */
import { randomUUID } from 'node:crypto';
import express, { type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { sendProblem } from './problemMiddleware.js';
import { refuseDeepJson } from './refuseDeepJson.js';
import { refuseNulCharacters } from './refuseNulCharacters.js';

export function requestIntake(logger: Logger): RequestHandler[] {
  return [
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[A-Za-z0-9_.-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      redact: ['req.headers.authorization'],
    }),
    express.json({ limit: '256kb', type: ['application/json', 'application/*+json'] }),
    (req, res, next) => {
      if (req.method === 'POST' && req.headers['content-length'] !== '0' && req.body === undefined && !req.is('application/json')) {
        return sendProblem(res, 'UNSUPPORTED_MEDIA_TYPE', 'send Content-Type: application/json');
      }
      next();
    },
    refuseDeepJson,
    refuseNulCharacters,
  ];
}
