import type { Address, Contact } from 'ocop-connect';
import { configFileOf } from './config.js';
import { isLocalAddress } from './config-guards.js';
import type { CliConfig } from './config-schema.js';
import { CliError } from './errors.js';
import { SANDBOX_SENDER } from './sandbox-sender.js';

/** The sandbox's sample shipper (by name or phone), wherever it was copied to. */
export function isSandboxSender(sender: Contact | undefined): boolean {
  return Boolean(sender && (sender.name === SANDBOX_SENDER.name || sender.phone === SANDBOX_SENDER.phone));
}

/**
 * The config's own sender for a real carrier. The sandbox's sample shipper (which `sandbox
 * --write-config` puts in its config) is accepted only while ViettelPost is on this machine: it must
 * never end up on a real waybill.
 */
export function configSender(config: CliConfig): Contact | undefined {
  if (isSandboxSender(config.sender) && !isLocalAddress(config.viettelpost?.baseUrl)) {
    throw new CliError('config', {
      vi: `Người gửi trong cấu hình là người gửi mẫu của sandbox ("${SANDBOX_SENDER.name}"); chỉ dùng được với sandbox trên máy này. Hãy điền người gửi thật vào khóa "sender"`,
      en: `The config's sender is the sandbox's sample shipper ("${SANDBOX_SENDER.name}"); it only works with a sandbox on this machine. Fill in your own in the "sender" key`,
    });
  }
  return config.sender;
}

/**
 * The shipper: the config's `sender`; in sandbox mode only, a sample cooperative when there is none.
 * Outside sandbox mode a missing sender is an error naming the config key: a real waybill must never
 * carry the sandbox's sample identity.
 */
export function senderFor(config: CliConfig, sandbox: boolean): Contact {
  if (sandbox) return config.sender ?? SANDBOX_SENDER;
  const sender = configSender(config);
  if (sender) return sender;
  throw new CliError('config', {
    vi: `Thiếu người gửi: hãy điền khóa "sender" (name, phone, address.ward, address.province) trong ${configFileOf(config)}`,
    en: `No sender: fill in the "sender" key (name, phone, address.ward, address.province) in ${configFileOf(config)}`,
  });
}

/** The parcel's origin: `--from` when given, else the sender's address (same sandbox-only fallback). */
export function originFor(config: CliConfig, sandbox: boolean, from: Address | undefined): Address {
  return from ?? senderFor(config, sandbox).address;
}
