import { randomBytes } from 'node:crypto';
import { handleError } from '../handle-guard.js';
import type { Catalog } from './catalog.js';
import { ENVELOPE_STATUS, MESSAGES, VtpApiError } from './envelope.js';

/** A sender warehouse ("inventory"); the listInventory item uses camelCase keys. */
export interface SandboxInventory {
  groupaddressId: number;
  cusId: number;
  name: string;
  phone: string;
  address: string;
  provinceId: number;
  districtId: number;
  wardsId: number;
  postId: null;
  merchant: null;
}

export interface ViettelPostAccountSpec {
  /** Login name: a phone number or e-mail on viettelpost.vn. */
  username: string;
  password: string;
  /** Display name of the shop/cooperative. */
  name?: string;
  phone?: string;
  /** A partner account may ownerconnect into accounts that name it as their `partner`. */
  isPartner?: boolean;
  /** Username of the partner allowed to act for this account through ownerconnect. */
  partner?: string;
  /** New orders start at status 100 instead of -100 (no UpdateOrder TYPE 1 needed). @default false */
  autoApprove?: boolean;
  /** Secret accepted by /v2/user/LoginVTP for this account. */
  loginVtpSecret?: string;
  /** Webhook target for this account's orders (delegated accounts use their partner's). */
  webhookUrl?: string;
  webhookSecret?: string;
}

export interface SandboxAccount {
  userId: number;
  username: string;
  password: string;
  name: string;
  phone: string;
  isPartner: boolean;
  partnerUsername: string | undefined;
  autoApprove: boolean;
  loginVtpSecret: string | undefined;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  inventories: SandboxInventory[];
}

export type TokenKind = 'login' | 'owner' | 'loginVtp';

export interface TokenRecord {
  token: string;
  kind: TokenKind;
  /** Account the token acts for. */
  userId: number;
  /** Partner that obtained it through ownerconnect delegation, if any. */
  partnerUserId: number | undefined;
  issuedAtMs: number;
  expiresAtMs: number;
}

const FIRST_USER_ID = 8_400_001;
const FIRST_GROUPADDRESS_ID = 7_300_001;

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

export class AccountStore {
  readonly accounts: SandboxAccount[] = [];
  private readonly tokens = new Map<string, TokenRecord>();
  private nextUserId = FIRST_USER_ID;
  private nextGroupAddressId = FIRST_GROUPADDRESS_ID;

  constructor(
    private readonly now: () => number,
    private readonly ttl: { loginMs: number; ownerMs: number },
  ) {}

  add(spec: ViettelPostAccountSpec): SandboxAccount {
    if (this.byUsername(spec.username)) {
      throw handleError(
        'conflict',
        { sandbox: 'ViettelPost', method: 'addAccount' },
        {
          vi: `tài khoản ${spec.username} đã có`,
          en: `account ${spec.username} already exists`,
        },
      );
    }
    const account: SandboxAccount = {
      userId: this.nextUserId++,
      username: spec.username,
      password: spec.password,
      name: spec.name ?? spec.username,
      phone: spec.phone ?? spec.username,
      isPartner: spec.isPartner ?? false,
      partnerUsername: spec.partner,
      autoApprove: spec.autoApprove ?? false,
      loginVtpSecret: spec.loginVtpSecret,
      webhookUrl: spec.webhookUrl,
      webhookSecret: spec.webhookSecret,
      inventories: [],
    };
    this.accounts.push(account);
    return account;
  }

  byUsername(username: string): SandboxAccount | undefined {
    const key = username.trim().toLowerCase();
    return this.accounts.find((a) => a.username.toLowerCase() === key);
  }

  byId(userId: number): SandboxAccount | undefined {
    return this.accounts.find((a) => a.userId === userId);
  }

  checkPassword(username: unknown, password: unknown): SandboxAccount {
    const account = typeof username === 'string' ? this.byUsername(username) : undefined;
    if (!account || typeof password !== 'string' || account.password !== password) {
      throw new VtpApiError(MESSAGES.badCredentials, ENVELOPE_STATUS.error);
    }
    return account;
  }

  /** Adds a warehouse, newest first like the real registerInventory answer. */
  addInventory(
    catalog: Catalog,
    account: SandboxAccount,
    input: { name: string; phone: string; address: string; wardId: number },
  ): SandboxInventory | undefined {
    const newWard = catalog.newWardById.get(input.wardId);
    const oldWard = catalog.oldWardById.get(input.wardId);
    if (!newWard && !oldWard) return undefined;
    const inventory: SandboxInventory = {
      groupaddressId: this.nextGroupAddressId++,
      cusId: account.userId,
      name: input.name,
      phone: input.phone,
      address: input.address,
      provinceId: newWard ? newWard.provinceId : oldWard!.provinceId,
      districtId: newWard ? 0 : oldWard!.districtId,
      wardsId: input.wardId,
      postId: null,
      merchant: null,
    };
    account.inventories.unshift(inventory);
    return inventory;
  }

  issue(account: SandboxAccount, kind: TokenKind, partnerUserId?: number): TokenRecord {
    const issuedAtMs = this.now();
    const expiresAtMs = issuedAtMs + (kind === 'owner' ? this.ttl.ownerMs : this.ttl.loginMs);
    // Shaped like VTP's ES256 JWTs; the emulator never verifies the signature, it looks tokens up.
    const header = base64url(JSON.stringify({ alg: 'ES256' }));
    const claims = base64url(
      JSON.stringify({
        sub: account.phone,
        UserId: account.userId,
        FromSource: 5,
        Token: randomBytes(8).toString('hex').toUpperCase(),
        Partner: partnerUserId ?? (kind === 'loginVtp' ? -1 : account.userId),
        exp: Math.floor(expiresAtMs / 1000),
      }),
    );
    const token = `${header}.${claims}.${base64url(randomBytes(64))}`;
    const record: TokenRecord = {
      token,
      kind,
      userId: account.userId,
      partnerUserId,
      issuedAtMs,
      expiresAtMs,
    };
    this.tokens.set(token, record);
    return record;
  }

  /** Looks a token up; throws the documented auth envelopes (status 401 in the body). */
  verify(token: string | undefined, httpStatus: number): TokenRecord {
    if (token === undefined || token.trim() === '') {
      throw new VtpApiError(MESSAGES.tokenRequired, ENVELOPE_STATUS.unauthorized, httpStatus);
    }
    const record = this.tokens.get(token.trim());
    if (!record) throw new VtpApiError(MESSAGES.tokenInvalid, ENVELOPE_STATUS.unauthorized, httpStatus);
    if (record.expiresAtMs <= this.now()) {
      throw new VtpApiError(MESSAGES.tokenExpired, ENVELOPE_STATUS.unauthorized, httpStatus);
    }
    return record;
  }

  /** Makes every issued token expired (tests of re-authentication). */
  expireAll(): void {
    const past = this.now() - 1;
    for (const record of this.tokens.values()) record.expiresAtMs = past;
  }

  tokenData(record: TokenRecord): Record<string, unknown> {
    const account = this.byId(record.userId)!;
    return {
      userId: account.userId,
      token: record.token,
      partner: record.kind === 'loginVtp' ? -1 : (record.partnerUserId ?? account.userId),
      phone: account.phone,
      postcode: null,
      expired: record.expiresAtMs,
      encrypted: null,
      source: 5,
      infoUpdated: true,
    };
  }
}
