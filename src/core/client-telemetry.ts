import type { Logger } from 'pino';
import { ClientEvents } from './client-events.js';
import type { OcopConnectError } from './errors.js';
import type { AuthEvent, RateLimitedEvent, RequestEvent, RetryEvent } from './types.js';

type Fields<E> = Omit<E, 'platform' | 'account'>;

/**
 * Every observable thing the pipeline does goes out twice: as a typed event for the caller and as
 * a structured log line (child logger already bound to platform + account). Payloads are built
 * from redacted data only.
 */
export class ClientTelemetry {
  readonly events = new ClientEvents();
  readonly #logger: Logger;
  readonly #platform: string;
  readonly #account: string;

  constructor(logger: Logger, platform: string, account: string) {
    this.#logger = logger;
    this.#platform = platform;
    this.#account = account;
  }

  #scope() {
    return { platform: this.#platform, account: this.#account };
  }

  request(fields: Fields<RequestEvent>): void {
    this.events.publish('request', { ...this.#scope(), ...fields });
    this.#logger.debug({ event: 'request', ...fields }, 'request');
  }

  retry(fields: Fields<RetryEvent>): void {
    this.events.publish('retry', { ...this.#scope(), ...fields });
    this.#logger.info({ event: 'retry', ...fields }, 'retrying');
  }

  rateLimited(fields: Fields<RateLimitedEvent>): void {
    this.events.publish('rateLimited', { ...this.#scope(), ...fields });
    this.#logger.warn({ event: 'rateLimited', ...fields }, 'platform throttled the request');
  }

  auth(fields: Fields<AuthEvent>): void {
    this.events.publish('auth', { ...this.#scope(), ...fields });
    this.#logger.info(
      { event: 'auth', ...fields },
      fields.action === 'failed' ? 'authentication failed' : 're-authenticating',
    );
  }

  recover(operation: string, found: boolean): void {
    this.#logger.info(
      { event: 'recover', operation, found },
      found ? 'write had happened; using the looked-up result' : 'write had not happened; re-sending',
    );
  }

  /** Debug-level trace of the request as sent (headers and body already redacted by the caller). */
  sending(fields: Record<string, unknown>): void {
    this.#logger.trace({ event: 'request.start', ...fields });
  }

  /** The already-scrubbed error the caller receives. */
  failed(error: OcopConnectError): void {
    this.#logger.debug({ event: 'request.failed', error: error.toJSON() }, 'request failed');
  }
}
