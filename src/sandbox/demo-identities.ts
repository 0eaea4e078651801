/**
 * Every login, customer code, token and secret the sandboxes accept by default, in one place: the
 * emulators take their defaults from here, and a tool that must never send a demo identity to a real
 * platform (the CLI outside sandbox mode) compares against `sandboxDemoValues()`. This module imports
 * nothing: reading it starts and loads no emulator.
 */
export const SANDBOX_DEMO_IDENTITIES = {
  voso: {
    username: 'htx-demo',
    password: 'voso-sandbox-password',
    webhookSecret: 'voso-sandbox-webhook-secret',
  },
  postmart: {
    username: 'htx-demo',
    password: 'postmart-sandbox-password',
    customerCode: 'C000368268',
    webhookSecret: 'postmart-sandbox-webhook-secret',
  },
  shopee: {
    partnerId: '2001234',
    partnerKey: 'shopee-sandbox-partner-key-0123456789abcdef',
    shopId: '880011',
    accessToken: 'shopee-sandbox-access-token-0',
    refreshToken: 'shopee-sandbox-refresh-token-0',
  },
  viettelpost: {
    /** Partner account: logs in, ownerconnects to itself or to the member below. */
    partner: { username: '0905000001', password: 'ocop-sandbox-partner', name: 'OCOP Connect Demo' },
    /** Cooperative account whose partner is the demo partner. */
    member: { username: '0905000002', password: 'htx-vinh-linh-2025', name: 'HTX Nông sản Vĩnh Linh' },
    /** Secret accepted by /v2/user/LoginVTP, acting as the member. */
    loginVtpSecret: 'vtp-sandbox-loginvtp-secret',
    webhookSecret: 'vtp-sandbox-webhook-secret',
  },
  vnpost: {
    username: 'htx-vinh-linh',
    password: 'vnpost-sandbox-2025',
    customerCode: 'C000000001',
  },
} as const;

let values: ReadonlySet<string> | undefined;

/**
 * Every demo identity as a set of strings (usernames, passwords, customer codes, partner and shop ids,
 * tokens, secrets — not display names): a value found here must never reach a real platform.
 */
export function sandboxDemoValues(): ReadonlySet<string> {
  if (!values) {
    const found = new Set<string>();
    const walk = (value: unknown, key: string) => {
      if (typeof value === 'string') {
        if (key !== 'name') found.add(value);
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) walk(v, k);
      }
    };
    walk(SANDBOX_DEMO_IDENTITIES, '');
    values = found;
  }
  return values;
}
