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
    const refused = (error: NodeJS.ErrnoException) => reject(listenError(error, port, host));
    server.once('error', refused);
    server.listen(port, host, () => {
      server.off('error', refused);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { port: address.port, origin: `http://${shownHost}:${address.port}` };
}

/**
 * A port that is taken (or not allowed) as the library's configuration error naming it, in both
 * languages — what the caller changes is the `port` option. Other failures are passed on as they are.
 */
function listenError(error: NodeJS.ErrnoException, port: number, host: string): unknown {
  const where = `${host}:${port}`;
  const text =
    error.code === 'EADDRINUSE'
      ? {
          vi: `Cổng ${port} đang được dùng (${where}): chọn cổng khác (port), hoặc 0 để lấy một cổng trống`,
          en: `Port ${port} is in use (${where}): choose another port (port), or 0 for any free one`,
        }
      : error.code === 'EACCES'
        ? {
            vi: `Không được phép dùng cổng ${port} (${where}): chọn cổng từ 1024 trở lên, hoặc 0`,
            en: `Port ${port} is not allowed (${where}): choose a port from 1024 up, or 0`,
          }
        : undefined;
  if (!text) return error;
  return new OcopConnectError('configuration', text, { operation: 'startSandbox', cause: error });
}

/** Stops `server`: no new connections, the open ones cut; resolves once it is closed. */
export function stopServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
