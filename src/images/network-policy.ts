import { isIPv4, isIPv6 } from 'node:net';

/**
 * Address ranges a catalog URL must not reach unless the caller opts in: loopback, private (RFC 1918,
 * unique-local), link-local (incl. cloud metadata 169.254.169.254), CGNAT, "this network",
 * multicast, reserved and documentation ranges. [first bytes of the prefix, prefix length in bits].
 */
const BLOCKED_IPV4: readonly [readonly number[], number][] = [
  [[0], 8],
  [[10], 8],
  [[100, 64], 10],
  [[127], 8],
  [[169, 254], 16],
  [[172, 16], 12],
  [[192, 0, 0], 24],
  [[192, 0, 2], 24],
  [[192, 88, 99], 24], // 6to4 relay anycast (deprecated)
  [[192, 168], 16],
  [[198, 18], 15],
  [[198, 51, 100], 24],
  [[203, 0, 113], 24],
  [[224], 4],
  [[240], 4],
];

/** `::`, `::1` and embedded IPv4 forms are handled in isPublicAddress. */
/**
 * Checked against the IANA IPv6 Special-Purpose Address Registry: everything there that is not
 * globally reachable, or that tunnels to an address we cannot judge, is refused.
 */
const BLOCKED_IPV6: readonly [readonly number[], number][] = [
  [[0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48], // 64:ff9b:1::/48 local-use NAT64 (RFC 8215): inside the site
  [[0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01], 64], // 100:0:0:1::/64 dummy prefix (RFC 9780)
  [[0x20, 0x01, 0x00], 23], // 2001::/23 IETF protocol assignments, incl. 2001::/32 Teredo (tunnels to any IPv4)
  [[0x3f, 0xff, 0x00], 20], // 3fff::/20 documentation (RFC 9637)
  [[0x5f, 0x00], 16], // 5f00::/16 SRv6 SIDs (RFC 9602)
  [[0xfc], 7], // fc00::/7 unique local
  [[0xfe, 0x80], 10], // fe80::/10 link-local
  [[0xfe, 0xc0], 10], // fec0::/10 deprecated site-local
  [[0xff], 8], // multicast
  [[0x20, 0x01, 0x0d, 0xb8], 32], // documentation
  [[0x01, 0x00], 64], // discard-only
];

function matchesPrefix(bytes: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const index = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((bytes[index] ?? 0) & mask) !== ((prefix[index] ?? 0) & mask)) return false;
  }
  return true;
}

function ipv4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

/** 16 bytes of an IPv6 address (handles `::` and a trailing dotted IPv4 part). */
function ipv6Bytes(address: string): number[] {
  let text = address.split('%')[0] ?? '';
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (isIPv4(last)) {
    tail.push(...ipv4Bytes(last));
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head = '', rest] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const missing = 8 - headGroups.length - restGroups.length;
  const groups = [...headGroups, ...Array<string>(rest === undefined ? 0 : missing).fill('0'), ...restGroups];
  const bytes = groups.flatMap((group) => {
    const value = Number.parseInt(group, 16);
    return [(value >> 8) & 0xff, value & 0xff];
  });
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

function isBlockedIpv4(bytes: readonly number[]): boolean {
  return BLOCKED_IPV4.some(([prefix, bits]) => matchesPrefix(bytes, prefix, bits));
}

/** True when the address may be fetched without `allowPrivateNetwork`. Unknown input is refused. */
export function isPublicAddress(address: string): boolean {
  if (isIPv4(address)) return !isBlockedIpv4(ipv4Bytes(address));
  if (!isIPv6(address)) return false;
  const bytes = ipv6Bytes(address);
  const allZeroUpTo = (n: number) => bytes.slice(0, n).every((b) => b === 0);
  if (allZeroUpTo(16)) return false; // ::
  if (allZeroUpTo(15) && bytes[15] === 1) return false; // ::1
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an
  // IPv4 address in the last 4 bytes: judge that one.
  const mapped = allZeroUpTo(10) && bytes[10] === 0xff && bytes[11] === 0xff;
  // ::ffff:0:a.b.c.d, IPv4-translated (SIIT, RFC 2765): also an IPv4 address in disguise.
  const translated =
    allZeroUpTo(8) && bytes[8] === 0xff && bytes[9] === 0xff && bytes[10] === 0 && bytes[11] === 0;
  const compatible = allZeroUpTo(12);
  const nat64 = matchesPrefix(bytes, [0x00, 0x64, 0xff, 0x9b], 96);
  if (mapped || translated || compatible || nat64) return !isBlockedIpv4(bytes.slice(12));
  // 6to4 (2002:a.b.c.d::/48) embeds an IPv4 address in bytes 2..5.
  if (matchesPrefix(bytes, [0x20, 0x02], 16)) return !isBlockedIpv4(bytes.slice(2, 6));
  return !BLOCKED_IPV6.some(([prefix, bits]) => matchesPrefix(bytes, prefix, bits));
}
