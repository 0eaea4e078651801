/**
 * Trial 6 (#18), "secrets never in errors": every public function that takes a credential (adapter
 * credentials and webhook secrets, hub cooperatives, the PostgreSQL URL, token stores) is called with
 * a recognisable secret inside a wrong shape. Each call is refused with a tree error, and the secret
 * appears nowhere in it: not in util.inspect, JSON.stringify (what a logger writes), the stack, the
 * messages, the issues or problems, nor anywhere down the cause chain.
 */
import { describe, expect, it } from 'vitest';
import { createHub } from '../../src/hub/index.js';
import { createFileTokenStore, MemoryTokenStore, OcopConnectError } from '../../src/index.js';
import { postmart } from '../../src/platforms/postmart/index.js';
import { shopee } from '../../src/platforms/shopee/index.js';
import { viettelpost } from '../../src/platforms/viettelpost/index.js';
import { vnpost } from '../../src/platforms/vnpost/index.js';
import { voso } from '../../src/platforms/voso/index.js';
import { createPostgresStore } from '../../src/store/postgres/index.js';
import { failure } from './helpers/failure.js';
import { expectNoSecret } from './helpers/no-secret.js';

const SECRET = 'S3CRET-9d41-pw';
const bad = <T>(value: unknown) => value as T;

/** Wrong shapes a credentials object can take, each carrying the secret somewhere. */
const WRONG_CREDENTIALS: ReadonlyArray<unknown> = [
  SECRET,
  [SECRET],
  { password: { value: SECRET } },
  { username: SECRET, password: 5 },
  { pasword: SECRET },
  { token: 5, secret: SECRET },
  { partnerId: SECRET, partnerKey: 5, shopId: SECRET, accessToken: [SECRET], refreshToken: 7 },
];

const FACTORIES: ReadonlyArray<readonly [string, (credentials: unknown) => unknown]> = [
  ['voso', (c) => voso(bad({ credentials: c }))],
  ['postmart', (c) => postmart(bad({ credentials: c }))],
  ['shopee', (c) => shopee(bad({ credentials: c }))],
  ['viettelpost', (c) => viettelpost(bad({ environment: 'development', credentials: c }))],
  ['vnpost', (c) => vnpost(bad({ environment: 'uat', credentials: c }))],
  [
    'createHub',
    (c) =>
      createHub(
        bad({
          cooperatives: [{ id: 'htx-a', marketplaces: [{ platform: 'voso', account: 'a', credentials: c }] }],
        }),
      ),
  ],
];

const OTHER_CALLS: ReadonlyArray<readonly [string, () => unknown]> = [
  [
    'voso({ webhookSecret: [secret] })',
    () => voso(bad({ credentials: { username: 'u', password: 'p' }, webhookSecret: [SECRET] })),
  ],
  [
    'voso({ webhooksecret })',
    () => voso(bad({ credentials: { username: 'u', password: 'p' }, webhooksecret: SECRET })),
  ],
  [
    'shopee({ webhookPublicKey: { secret } })',
    () => shopee(bad({ credentials: {}, webhookPublicKey: { k: SECRET } })),
  ],
  [
    'createPostgresStore({ connectionString with a password, bad scope })',
    () =>
      createPostgresStore(bad({ connectionString: `postgres://hub:${SECRET}@127.0.0.1:1/x`, scope: '#' })),
  ],
  [
    'createPostgresStore({ connectionString: [secret] })',
    () => createPostgresStore(bad({ connectionString: [SECRET], scope: 's' })),
  ],
  [
    'MemoryTokenStore.set(token)',
    () => new MemoryTokenStore().set('k', bad({ accessToken: SECRET, bogus: 1 })),
  ],
  [
    'MemoryTokenStore.set(value)',
    () => new MemoryTokenStore().set('k', bad({ value: SECRET, obtainedAtMs: 'x' })),
  ],
  ['new MemoryTokenStore({ token })', () => new MemoryTokenStore(bad({ token: SECRET }))],
  ['createFileTokenStore({ dir: [secret] })', () => createFileTokenStore(bad({ dir: [SECRET] }))],
];

describe('a secret given in a wrong shape is never in the error', () => {
  for (const [name, make] of FACTORIES) {
    it.each(
      WRONG_CREDENTIALS.map((c) => [JSON.stringify(c), c]),
    )(`${name}(credentials: %s)`, async (_l, c) => {
      const error = await failure(() => make(c));
      expect(error).toBeInstanceOf(OcopConnectError);
      expectNoSecret(error, SECRET);
    });
  }

  it.each(OTHER_CALLS)('%s', async (_name, run) => {
    const error = await failure(run);
    expect(error).toBeInstanceOf(OcopConnectError);
    expectNoSecret(error, SECRET);
  });
});
