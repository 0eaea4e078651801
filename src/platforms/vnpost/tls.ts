/**
 * MyVNPost's production host has been reported (by several Node integrators) to fail the TLS handshake
 * under OpenSSL 3 with "unsafe legacy renegotiation disabled": it does not support RFC 5746 secure
 * renegotiation, which OpenSSL 3 requires by default. The fix integrators use is
 * `SSL_OP_LEGACY_SERVER_CONNECT` — here set on the adapter's OWN https agent, so it applies to the
 * VNPost API host only and never to `https.globalAgent` or any other platform's client.
 */
export const VNPOST_TLS_HOST_SUFFIX = 'vnpost.vn';

/** Whether the legacy-renegotiation allowance is needed: https and a host under vnpost.vn. */
export function legacyRenegotiationFor(baseUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  return (
    url.protocol === 'https:' &&
    (host === VNPOST_TLS_HOST_SUFFIX || host.endsWith(`.${VNPOST_TLS_HOST_SUFFIX}`))
  );
}
