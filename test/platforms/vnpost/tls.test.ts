import { constants } from 'node:crypto';
import https from 'node:https';
import { describe, expect, it } from 'vitest';
import { HttpTransport } from '../../../src/core/transport.js';
import { vnpost } from '../../../src/platforms/vnpost/index.js';
import { legacyRenegotiationFor } from '../../../src/platforms/vnpost/tls.js';

describe('TLS legacy renegotiation is allowed for VNPost hosts only, on the adapter’s own agent', () => {
  it('decides by host: https under vnpost.vn only', () => {
    expect(legacyRenegotiationFor('https://connect-my.vnpost.vn')).toBe(true);
    expect(legacyRenegotiationFor('https://my-uat.vnpost.vn/MYVNP_API')).toBe(true);
    expect(legacyRenegotiationFor('http://connect-my.vnpost.vn')).toBe(false);
    expect(legacyRenegotiationFor('https://vnpost.vn.attacker.example')).toBe(false);
    expect(legacyRenegotiationFor('https://notvnpost.vn')).toBe(false);
    expect(legacyRenegotiationFor('http://127.0.0.1:5000')).toBe(false);
  });

  it('sets SSL_OP_LEGACY_SERVER_CONNECT on one transport and leaves the global agent and others alone', () => {
    const before = (https.globalAgent.options as { secureOptions?: number }).secureOptions;
    const legacy = new HttpTransport({
      baseUrl: 'https://connect-my.vnpost.vn',
      userAgent: 't',
      legacyTlsRenegotiation: true,
    });
    const plain = new HttpTransport({ baseUrl: 'https://partner.viettelpost.vn', userAgent: 't' });
    expect(legacy.httpsSecureOptions & constants.SSL_OP_LEGACY_SERVER_CONNECT).toBe(
      constants.SSL_OP_LEGACY_SERVER_CONNECT,
    );
    expect(plain.httpsSecureOptions & constants.SSL_OP_LEGACY_SERVER_CONNECT).toBe(0);
    expect((https.globalAgent.options as { secureOptions?: number }).secureOptions).toBe(before);
    legacy.close();
    plain.close();
  });

  it('turns it on by default for production and off for a sandbox; an explicit false wins', async () => {
    const creds = { username: 'u', password: 'p', customerCode: 'C1' };
    const prod = vnpost({ environment: 'production', credentials: creds });
    const sandbox = vnpost({ baseUrl: 'http://127.0.0.1:1', credentials: creds });
    const off = vnpost({ environment: 'production', credentials: creds, legacyTlsRenegotiation: false });
    expect([prod.legacyTlsRenegotiation, sandbox.legacyTlsRenegotiation, off.legacyTlsRenegotiation]).toEqual(
      [true, false, false],
    );
    await Promise.all([prod.close(), sandbox.close(), off.close()]);
  });
});
