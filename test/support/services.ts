/**
 * Suites that need PostgreSQL or Redis. Defaults are the development machine's services; other URLs
 * come from OCOP_TEST_DATABASE_URL / OCOP_TEST_REDIS_URL. Without the service the suite is skipped
 * with the reason printed — except under CI=true, where a missing service fails the run.
 */
import { Socket } from 'node:net';

export const TEST_DATABASE_URL =
  process.env.OCOP_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.OCOP_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(Number(port || defaultPort), hostname.replace(/^\[|\]$/g, ''), () => done(true));
  });
}

/** Whether to run a suite that needs this service; prints why when it is skipped. */
export async function serviceAvailable(name: 'PostgreSQL' | 'Redis'): Promise<boolean> {
  const url = name === 'PostgreSQL' ? TEST_DATABASE_URL : TEST_REDIS_URL;
  const ok = await reachable(url, name === 'PostgreSQL' ? 5432 : 6379);
  if (ok) return true;
  const where = new URL(url).host;
  if (process.env.CI === 'true') {
    throw new Error(`${name} is not reachable at ${where}, and CI=true requires it (.ci/run starts it).`);
  }
  console.warn(
    `[skipped] suites that need ${name}: nothing answers at ${where}. Start ${name} or set ${
      name === 'PostgreSQL' ? 'OCOP_TEST_DATABASE_URL' : 'OCOP_TEST_REDIS_URL'
    } to run them.`,
  );
  return false;
}
