import { createImagePreparer } from '../images/image-preparer.js';
import type { ImagePreparerOptions } from '../images/limits.js';
import { createFileStore, DEFAULT_STORE_DIR } from '../store/file-store.js';
import type { StateStore } from '../store/state-store.js';
import type { PublishImagePreparer } from '../sync/publish/types.js';
import type { ConnectorOptions } from './types.js';

function isPreparer(
  value: PublishImagePreparer | ImagePreparerOptions | undefined,
): value is PublishImagePreparer {
  return typeof (value as PublishImagePreparer | undefined)?.prepare === 'function';
}

/** The connector's image preparer: the caller's own, or one built from its options. */
export function connectorImages(images: ConnectorOptions['images']): PublishImagePreparer {
  return isPreparer(images) ? images : createImagePreparer(images);
}

/**
 * The connector's store: the caller's (never closed by the connector), or a FileStore opened on first use
 * and closed with the connector.
 */
export function connectorStore(options: Pick<ConnectorOptions, 'store' | 'storeDir' | 'sharedStore'>): {
  store: () => Promise<StateStore>;
  closeOwnStore: () => Promise<void>[];
} {
  const given = options.store;
  let opened: Promise<StateStore> | undefined;
  const store = (): Promise<StateStore> => {
    if (given) return Promise.resolve(given);
    opened ??= createFileStore({
      dir: options.storeDir ?? DEFAULT_STORE_DIR,
      ...(options.sharedStore ? { shared: true } : {}),
    });
    return opened;
  };
  const closeOwnStore = () => (opened ? [opened.then((s) => s.close())] : []);
  return { store, closeOwnStore };
}
