import type { CarrierShipmentStore, Logger, MarketplaceAdapter } from 'ocop-connect';
import type { MarketplaceProfileOverride } from 'ocop-connect/marketplace';
import { postmart } from 'ocop-connect/postmart';
import {
  type MarketplaceSandbox,
  type MarketplaceSandboxOptions,
  startPostmartSandbox,
  startShopeeSandbox,
  startViettelPostSandbox,
  startVnpostSandbox,
  startVosoSandbox,
  type ViettelPostSandbox,
} from 'ocop-connect/sandbox';
import { shopee } from 'ocop-connect/shopee';
import { type ViettelPostAdapter, viettelpost } from 'ocop-connect/viettelpost';
import { type VnpostAdapter, vnpost } from 'ocop-connect/vnpost';
import { voso } from 'ocop-connect/voso';
import type { CliConfig } from './config-schema.js';
import { addCleanup } from './lifecycle.js';
import { configured } from './platform-adapters.js';
import type {
  CliSandboxOptions,
  OpenPlatforms,
  ShipmentRecordList,
  WantedPlatforms,
} from './platform-types.js';

/**
 * Sandbox mode: the embedded emulators, started for this run and stopped by `close()` (or on Ctrl+C /
 * SIGTERM), with adapters pointed at them.
 */
export async function openSandboxes(
  config: CliConfig,
  wanted: WantedPlatforms,
  logger?: Logger,
  sandboxOptions: CliSandboxOptions = {},
): Promise<OpenPlatforms> {
  const { perPlatform, ...common } = sandboxOptions;
  const sandboxStates: NonNullable<OpenPlatforms['sandboxStates']> = {};
  const started: { close(): Promise<void> }[] = [];
  const marketplaces: MarketplaceAdapter[] = [];
  const sandboxUrls: Record<string, string> = {};
  let carrier: ViettelPostAdapter | undefined;
  let second: VnpostAdapter | undefined;
  const withLogger = logger ? { logger } : {};
  const stopAll = async () => {
    await Promise.allSettled([...marketplaces.map((m) => m.close()), carrier?.close(), second?.close()]);
    await Promise.allSettled(started.map((s) => s.close()));
  };
  const removeCleanup = addCleanup(stopAll);
  /** An emulator of this run: stopped with the others, its address reported in `sandboxUrls`. */
  const track = async <T extends { baseUrl: string; close(): Promise<void> }>(
    name: string,
    starting: Promise<T>,
  ): Promise<T> => {
    const box = await starting;
    started.push(box);
    sandboxUrls[name] = box.baseUrl;
    return box;
  };
  try {
    for (const name of wanted.marketplaces) {
      if (name === 'shopee') {
        // The onboarding commands (match, pull-catalog) preload the same hand-made listings as on
        // Voso and Postmart (Shopee's sandbox reads the seed set in its own shape, tiers included).
        const box = await track(
          name,
          startShopeeSandbox(common.handMadeListings ? { handMadeListings: common.handMadeListings } : {}),
        );
        marketplaces.push(
          shopee({ credentials: { ...box.credentials }, baseUrl: box.baseUrl, ...withLogger }),
        );
        continue;
      }
      const own = perPlatform?.[name];
      const { handMadeListings, ...rest } = common;
      const boxOptions: MarketplaceSandboxOptions = {
        ...rest,
        ...(own?.restoredListings || !handMadeListings ? {} : { handMadeListings }),
        ...own,
      };
      const sandbox: MarketplaceSandbox = await track(
        name,
        name === 'voso' ? startVosoSandbox(boxOptions) : startPostmartSandbox(boxOptions),
      );
      sandboxStates[name] = sandbox.state;
      // A profile override in the config (stricter listing rules …) applies to the sandbox run too: a
      // dry run against the emulators checks what the real run will.
      const profile = config[name]?.profile as MarketplaceProfileOverride | undefined;
      const options = {
        credentials: { ...sandbox.credentials },
        baseUrl: sandbox.baseUrl,
        ...(profile ? { profile } : {}),
        ...withLogger,
      };
      marketplaces.push(configured(name, () => (name === 'voso' ? voso(options) : postmart(options))));
    }
    if (wanted.carrier) {
      const firstWaybillNumber = wanted.shipmentRecords
        ? await nextViettelPostWaybill(wanted.shipmentRecords)
        : undefined;
      const sandbox: ViettelPostSandbox = await track(
        'viettelpost',
        startViettelPostSandbox({
          autoApprove: false,
          stepMs: 0,
          ...(firstWaybillNumber !== undefined ? { firstWaybillNumber } : {}),
        }),
      );
      carrier = viettelpost({
        baseUrl: sandbox.url,
        labelHost: sandbox.url,
        credentials: { ...sandbox.memberCredentials },
        webhookSecret: sandbox.webhookSecret,
        ...withLogger,
      });
    }
    if (wanted.vnpost) {
      // The emulator starts empty each run, the state folder does not: number its parcels past every
      // waybill recorded there, so two references never share one waybill.
      const firstItemNumber = wanted.vnpostStore ? await nextVnpostItemNumber(wanted.vnpostStore) : undefined;
      const box = await track(
        'vnpost',
        startVnpostSandbox({ stepMs: 0, ...(firstItemNumber !== undefined ? { firstItemNumber } : {}) }),
      );
      second = vnpost({
        baseUrl: box.url,
        credentials: { ...box.credentials },
        webhookPublicKey: box.webhookPublicKey,
        ...(wanted.vnpostStore ? { store: wanted.vnpostStore } : {}),
        ...withLogger,
      });
    }
  } catch (error) {
    removeCleanup();
    await stopAll();
    throw error;
  }
  return {
    sandbox: true,
    marketplaces,
    ...(carrier ? { carrier } : {}),
    ...(second ? { vnpost: second } : {}),
    sandboxUrls,
    sandboxStates,
    close: async () => {
      removeCleanup();
      await stopAll();
    },
  };
}

/** One past the highest ViettelPost waybill (all digits) the records hold, or undefined when none. */
export async function nextViettelPostWaybill(records: ShipmentRecordList): Promise<number | undefined> {
  let highest: number | undefined;
  for (const record of await records.listShipments()) {
    if ((record.carrier ?? 'viettelpost') !== 'viettelpost' || !/^\d{6,15}$/.test(record.waybill ?? ''))
      continue;
    highest = Math.max(highest ?? 0, Number(record.waybill));
  }
  return highest === undefined ? undefined : highest + 1;
}

/** One past the highest VNPost parcel number (EB…VN) the store records, or undefined when none. */
export async function nextVnpostItemNumber(store: CarrierShipmentStore): Promise<number | undefined> {
  let highest: number | undefined;
  for (const record of await store.listShipments()) {
    const match = /^EB(\d{9})VN$/.exec(record.waybill ?? '');
    if (match) highest = Math.max(highest ?? 0, Number(match[1]));
  }
  return highest === undefined ? undefined : highest + 1;
}
