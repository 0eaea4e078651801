import { ENVELOPE_STATUS, MESSAGES, okEnvelope, VtpApiError } from './envelope.js';
import { readString } from './fields.js';
import type { RequestContext } from './request-context.js';

export function login(ctx: RequestContext) {
  const { accounts } = ctx.emulator;
  const account = accounts.checkPassword(ctx.body.USERNAME, ctx.body.PASSWORD);
  return okEnvelope(accounts.tokenData(accounts.issue(account, 'login')));
}

/**
 * Step 2 of the login, and the delegation mechanism: the header token's account asks for a long
 * token acting for the USERNAME/PASSWORD account — itself, or a member that names it as partner.
 */
export function ownerConnect(ctx: RequestContext) {
  const { accounts } = ctx.emulator;
  const caller = ctx.emulator.authenticateAny(ctx.token);
  const target = accounts.checkPassword(ctx.body.USERNAME, ctx.body.PASSWORD);
  const self = target.userId === caller.account.userId;
  const delegated =
    caller.account.isPartner &&
    target.partnerUsername?.toLowerCase() === caller.account.username.toLowerCase();
  if (!self && !delegated) throw new VtpApiError(MESSAGES.badCredentials, ENVELOPE_STATUS.error);
  const record = accounts.issue(target, 'owner', self ? undefined : caller.account.userId);
  return okEnvelope(accounts.tokenData(record));
}

/** Body `{ "token": "<secret from viettelpost.vn>" }` (lower-case key; keys are case-folded). */
export function loginVtp(ctx: RequestContext) {
  const { accounts } = ctx.emulator;
  const secret = readString(ctx.body, 'TOKEN');
  const account = secret ? accounts.accounts.find((a) => a.loginVtpSecret === secret) : undefined;
  if (!account) throw new VtpApiError(MESSAGES.tokenInvalid, ENVELOPE_STATUS.unauthorized);
  return okEnvelope(accounts.tokenData(accounts.issue(account, 'loginVtp')));
}
