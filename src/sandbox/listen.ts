import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts `server` listening on `host:port` (port 0 = a free one) and resolves with the port taken and the
 * origin to give clients (`http://host:port`, an IPv6 host in brackets); a failure to listen rejects.
 */
export async function listenOn(
  server: Server,
  port: number,
  host: string,
): Promise<{ port: number; origin: string }> {
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
