import type { ErrorKind } from '../../core/errors.js';
import { OcopConnectError } from '../../core/errors.js';
import type { CallOptions } from '../../core/types.js';
import type { ListingDraft, RemoteListing } from '../types.js';
import { listingIdempotencyKey } from './content-hash.js';
import type { MarketplaceHookContext, MarketplaceHooks } from './hooks.js';
import { decodeListing } from './listing-codec.js';
import type { ProfileRequester } from './profile-requester.js';
import type { MarketplaceProfile } from './profile-schema.js';

/** Waits before looking a lost create up again (ms): 0.5 s, then 2 s more. */
export const LOST_CREATE_LOOK_AGAIN_MS: readonly number[] = [500, 2_000];

/** Failures after which a create may have happened on the platform (look before anything is re-sent). */
const UNCLEAR_OUTCOMES: ReadonlySet<ErrorKind> = new Set(['network', 'timeout', 'outcome_unknown', 'server']);

function isRemoteListing(value: unknown): value is RemoteListing {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RemoteListing).remoteId === 'string' &&
    Array.isArray((value as RemoteListing).variants)
  );
}

/** What a create needs of its adapter: the profile, the account, the requests, and the SKU look-up. */
export interface ListingCreateDeps {
  readonly profile: MarketplaceProfile;
  readonly account: string;
  readonly requester: ProfileRequester;
  findListingBySku(sku: string, options: CallOptions): Promise<RemoteListing | undefined>;
}

/**
 * Creates a listing from the profile's endpoint, never twice: with a deterministic idempotency key where
 * the platform honours one, otherwise by looking the SKU up before anything is sent again.
 */
export async function createProfileListing(
  { profile, account, requester, findListingBySku }: ListingCreateDeps,
  sku: string,
  body: Record<string, unknown>,
  options: CallOptions,
): Promise<RemoteListing> {
  if (profile.idempotency.mode === 'header') {
    const idempotencyKey =
      options.idempotencyKey ?? listingIdempotencyKey(profile.platform, account, sku, body);
    const data = await requester.call(
      'createListing',
      { sku },
      { body, idempotent: true },
      { ...options, idempotencyKey },
    );
    return decodeListing(profile, data);
  }
  const lookupOptions = options.signal ? { signal: options.signal } : {};
  const data = await requester.call(
    'createListing',
    { sku },
    {
      body,
      // No idempotency key on this platform: never re-send blindly; look the SKU up first. After a
      // lost response, a platform that accepts duplicate SKUs may still commit the first create:
      // look again, then report the outcome as unknown rather than risk a second listing (#13).
      idempotent: false,
      recover: () => findListingBySku(sku, lookupOptions),
      recoverLookAgainMs: LOST_CREATE_LOOK_AGAIN_MS,
    },
    options,
  );
  // A recovered create already holds the decoded listing.
  return isRemoteListing(data) ? data : decodeListing(profile, data);
}

/**
 * A hook's create runs at most once per call. When it fails without a clear "not created" answer (the
 * connection dropped after the platform committed), the SKU is looked up before the caller sees an
 * error: a listing that exists is adopted, so nothing is ever created twice by a retry.
 */
export async function createListingWithHook(
  hook: NonNullable<MarketplaceHooks['createListing']>,
  ctx: MarketplaceHookContext,
  findListingBySku: ListingCreateDeps['findListingBySku'],
  draft: ListingDraft,
  body: Record<string, unknown>,
  options: CallOptions,
): Promise<RemoteListing> {
  try {
    return await hook(ctx, { draft, body }, options);
  } catch (error) {
    if (!(error instanceof OcopConnectError) || !UNCLEAR_OUTCOMES.has(error.kind)) throw error;
    const lookupOptions = options.signal ? { signal: options.signal } : {};
    const found = await findListingBySku(draft.product.sku, lookupOptions).catch(() => undefined);
    // Adopted only when complete: a multi-step create (Shopee add_item + init_tier_variation) that
    // stopped half-way lacks variants; the error stands and the caller's next run completes the listing.
    const skus = new Set(found?.variants.map((v) => v.sku));
    if (found && draft.product.variants.every((v) => skus.has(v.sku))) return found;
    throw error;
  }
}
