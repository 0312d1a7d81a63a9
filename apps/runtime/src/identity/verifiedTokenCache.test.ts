import { describe, expect, it } from 'vitest';
import { UnauthenticatedError } from '@mandate/problems';
import type { Identity } from './Identity.js';
import type { Principal } from './Principal.js';
import { withVerifiedTokenCache } from './verifiedTokenCache.js';

const token = (exp: number, name = 'dana') => `Bearer h.${Buffer.from(JSON.stringify({ sub: name, exp })).toString('base64url')}.s`;
const dana: Principal = { id: 'dana', issuer: 'test', name: 'Dana', roles: ['REGIONAL_SALES_DIRECTOR'], groups: ['regional-sales-directors'], tenant: 'ACME_EU', region: 'EMEA' };

/** An identity that counts its verifications and accepts tokens unless told otherwise. */
function countingIdentity() {
  const calls: (string | undefined)[] = [];
  let accept = true;
  const identity: Identity = {
    mode: 'jwt',
    verify: (authorization) => {
      calls.push(authorization);
      if (!accept || !authorization) return Promise.reject(new UnauthenticatedError('INVALID_TOKEN', 'no'));
      return Promise.resolve(dana);
    },
  };
  return { identity, calls, refuse: () => (accept = false) };
}

describe('withVerifiedTokenCache', () => {
  it('verifies a token once within the TTL and again after it', async () => {
    let now = 1_000_000;
    const { identity, calls } = countingIdentity();
    const cached = withVerifiedTokenCache(identity, { ttlMs: 30_000, now: () => now });
    const t = token(now / 1000 + 3600);
    expect(await cached.verify(t)).toEqual(dana);
    expect(await cached.verify(t)).toEqual(dana);
    expect(calls).toHaveLength(1);
    now += 30_001;
    await cached.verify(t);
    expect(calls).toHaveLength(2);
  });

  it('never honours a cached token past its exp', async () => {
    let now = 1_000_000;
    const { identity, calls, refuse } = countingIdentity();
    const cached = withVerifiedTokenCache(identity, { ttlMs: 30_000, now: () => now });
    const t = token(now / 1000 + 5);
    await cached.verify(t);
    refuse(); // the underlying check now says expired
    now += 4_000;
    await expect(cached.verify(t)).resolves.toEqual(dana);
    now += 1_001;
    await expect(cached.verify(t)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    expect(calls).toHaveLength(2);
  });

  it('does not cache failures or a missing header, and keeps at most maxEntries tokens', async () => {
    const { identity, calls } = countingIdentity();
    const cached = withVerifiedTokenCache(identity, { maxEntries: 2, now: () => 1_000_000 });
    await expect(cached.verify(undefined)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    await expect(cached.verify(undefined)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    expect(calls).toHaveLength(2);
    const [a, b, c] = ['a', 'b', 'c'].map((n) => token(2_000, n));
    for (const t of [a, b, c, b, c]) await cached.verify(t);
    expect(calls.slice(2)).toEqual([a, b, c]);
    await cached.verify(a); // evicted as the oldest
    expect(calls.slice(2)).toEqual([a, b, c, a]);
  });

  it('hands out a frozen principal, so one request cannot change another request\'s', async () => {
    const cached = withVerifiedTokenCache(countingIdentity().identity, { now: () => 1_000_000 });
    const principal = await cached.verify(token(2_000));
    expect(Object.isFrozen(principal)).toBe(true);
    expect(Object.isFrozen(principal.roles)).toBe(true);
  });
});
