import { describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../src/images/network-policy.js';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.254',
    '192.168.1.10',
    '169.254.169.254',
    '0.0.0.0',
    '100.64.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    '2002:c0a8:0101::1',
    // #13: local-use NAT64, IPv4-translated (SIIT) and Teredo passed as public.
    '64:ff9b:1::808:808',
    '64:ff9b:1::a00:1',
    '::ffff:0:7f00:1',
    '::ffff:0:a9fe:a9fe',
    '2001::1',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    // The rest of the IANA special-purpose registries.
    '2001:2::1',
    '2001:10::1',
    '2001:20::1',
    '2001:db8::1',
    '3fff::1',
    '5f00::1',
    '100::1',
    '100:0:0:1::1',
    '192.88.99.1',
    '192.0.0.9',
    '198.18.0.1',
    '198.51.100.7',
    '203.0.113.7',
    '240.0.0.1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '172.15.255.255',
    '203.162.4.191',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    '::ffff:0:808:808',
    '64:ff9b::808:808',
    '2a00:1450:4001::1',
    '2404:6800:4005:80a::200e',
  ])('allows %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});
