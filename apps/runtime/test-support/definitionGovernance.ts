// Test support: a new definition version through the governance API, as two admins do it:
// gabe drafts it from a published version, changes it and submits; gina approves; gabe publishes.
import request from 'supertest';
import type { Express } from 'express';

/** Drafts, submits, approves and publishes a new version of a definition; returns the published version number. */
export async function publishNewVersion(
  app: Express,
  token: (userId: string) => Promise<string>,
  kind: string,
  id: string,
  from: number,
  change: (content: Record<string, unknown>) => Record<string, unknown>,
  options: { effectiveFrom?: string } = {},
): Promise<number> {
  const auth = async (user: string) => ({ Authorization: await token(user) });
  const draft = await request(app).post(`/definitions/${kind}/${id}/drafts`).set(await auth('gabe')).send({ from, changeNote: 'test change' });
  if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${draft.text}`);
  const created = draft.body as { version: number; content: Record<string, unknown> };
  const version = created.version;
  const base = `/definitions/${kind}/${id}/versions/${version}`;
  const steps: [string, 'put' | 'post', string, Record<string, unknown>][] = [
    ['gabe', 'put', base, { content: change(created.content) }],
    ['gabe', 'post', `${base}/submit`, {}],
    ['gina', 'post', `${base}/approve`, { comment: 'Reviewed.' }],
    ['gabe', 'post', `${base}/publish`, options.effectiveFrom ? { effectiveFrom: options.effectiveFrom } : {}],
  ];
  for (const [user, method, path, body] of steps) {
    const res = await request(app)[method](path).set(await auth(user)).send(body);
    if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
  }
  return version;
}
