import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OcopConnectError } from '../model/error-root.js';

/**
 * Starts `server` listening on `host:port` (port 0 = a free one) and resolves with the port taken and the
 * origin to give clients (`http://host:port`, an IPv6 host in brackets); a failure to listen rejects.
 */
export async function listenOn(
  server: Server,
  port: number,
  host: string,
): Promise<{ port: number; origin: string }> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    // Node's RangeError, as the library's own configuration error naming the option.
    throw new OcopConnectError(
      'configuration',
      `Tùy chọn port phải là số nguyên từ 0 đến 65535 (nhận được ${String(port)}) / ` +
        `The port option must be an integer from 0 to 65535 (got ${String(port)})`,
      { operation: 'startSandbox' },
    );
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { port: address.port, origin: `http://${shownHost}:${address.port}` };
}
