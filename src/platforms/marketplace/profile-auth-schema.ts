import { z } from 'zod';
import {
  HttpMethodSchema,
  JsonValueSchema,
  jsonPath as path,
  nonEmptyString as s,
} from './profile-schema-primitives.js';

/** How a profile authenticates: login token, HMAC signing, OAuth2 refresh, or a custom hook. */

/** How a token expiry is written in the login response. */
export const ExpiryFormatSchema = z.enum([
  'epochSeconds',
  'epochMs',
  'relativeSeconds',
  'relativeMs',
  'iso8601',
]);
export type ExpiryFormat = z.infer<typeof ExpiryFormatSchema>;

const LoginAuthSchema = z.strictObject({
  type: z.literal('login-token'),
  /** Login endpoint (sent without auth, in the `auth` traffic class). */
  login: z.strictObject({ method: HttpMethodSchema.default('POST'), path: s.startsWith('/') }),
  /** Login body: platform field → `{credentialName}` template, e.g. `{ USERNAME: '{username}' }`. */
  body: z.record(z.string(), z.string()),
  /** True when the login answer is wrapped in the normal envelope (`data.TOKEN`), false when flat. */
  enveloped: z.boolean(),
  /** Paths inside the (unwrapped) login answer. */
  tokenPath: path.min(1),
  expiresPath: path.optional(),
  expiresFormat: ExpiryFormatSchema.default('epochSeconds'),
  /** Request header that carries the token (`Token`, `token`, `Authorization`). */
  headerName: s,
  /** Prefix such as `Bearer`; omitted = raw token. */
  scheme: s.optional(),
});

/** Paths inside the (unwrapped) answer of a token refresh: the new access and refresh tokens, the expiry. */
const refreshAnswerShape = {
  tokenPath: path.min(1),
  refreshTokenPath: path.min(1),
  expiresPath: path.optional(),
  expiresFormat: ExpiryFormatSchema.default('relativeSeconds'),
};

/** How a rotating access token is renewed with its refresh token (sent at `app` level, never repeated). */
const TokenRefreshSchema = z
  .strictObject({
    method: HttpMethodSchema.default('POST'),
    path: s.startsWith('/'),
    /** Body templates; may use `{refreshToken}` and any credential (`{partnerId}`, `{shopId}`). */
    body: z.record(z.string(), JsonValueSchema),
    enveloped: z.boolean(),
  })
  .extend(refreshAnswerShape);

const HmacAuthSchema = z.strictObject({
  type: z.literal('hmac'),
  /** `shopee`: partner_id + path + timestamp(s) [+ access_token + shop_id]; `lazada`: sorted params, ms. */
  style: z.enum(['shopee', 'lazada']),
  /** Renewal of an expiring user token (Shopee: 4-hour access tokens, single-use refresh tokens). */
  refresh: TokenRefreshSchema.optional(),
});

/** Auth implemented by the adapter's `hooks.auth` (client credentials, a platform's own signature ...). */
const CustomAuthSchema = z.strictObject({
  type: z.literal('custom'),
  /** Credential names the hook needs; missing ones are reported at construction. */
  credentials: z.array(s).default([]),
});

const OAuth2AuthSchema = z
  .strictObject({
    type: z.literal('oauth2'),
    /** Refresh endpoint (sent without auth); body templates may use `{refreshToken}` and credentials. */
    refresh: z.strictObject({ method: HttpMethodSchema.default('POST'), path: s.startsWith('/') }),
    body: z.record(z.string(), z.string()),
    enveloped: z.boolean(),
  })
  .extend(refreshAnswerShape);

export const AuthSpecSchema = z.discriminatedUnion('type', [
  LoginAuthSchema,
  HmacAuthSchema,
  OAuth2AuthSchema,
  CustomAuthSchema,
]);
export type AuthSpec = z.infer<typeof AuthSpecSchema>;
