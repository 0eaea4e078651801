/** The VTP response envelope. Errors usually travel inside an HTTP 200 with `error: true`. */
export interface VtpEnvelope {
  status: number;
  error: boolean;
  message: string;
  data: unknown;
}

/** Envelope `status` values seen for errors: 204 no price for the route, 205 other, 401 token. */
export const ENVELOPE_STATUS = {
  ok: 200,
  noPrice: 204,
  error: 205,
  unauthorized: 401,
} as const;

export const MESSAGES = {
  ok: 'OK',
  tokenRequired: 'Header Token is required',
  tokenInvalid: 'Token invalid',
  tokenExpired: 'Token invalid or expired',
  badCredentials: 'Invalid owner account or password!',
  groupAddressInvalid: 'Groupaddress is invalid',
  systemError: 'System error',
  orderMissing: 'Order does not exist',
  statusExists: 'Order status already exists on the system',
  noPrice: 'Price does not apply to this itinerary!',
  // Not documented upstream; the emulator's choice (see docs/sandbox-viettelpost.md). The
  // `duplicateRefusalMessage` option replaces it.
  duplicateOrderNumber: 'Mã đơn hàng đã tồn tại / ORDER_NUMBER already exists',
  statusNotAllowed:
    'Trạng thái đơn hàng không cho phép thao tác này / Order status does not allow this action',
} as const;

/** A business error the emulator answers with an envelope (HTTP 200 unless `httpStatus` says otherwise). */
export class VtpApiError extends Error {
  readonly envelopeStatus: number;
  readonly httpStatus: number;

  constructor(message: string, envelopeStatus: number = ENVELOPE_STATUS.error, httpStatus = 200) {
    super(message);
    this.name = 'VtpApiError';
    this.envelopeStatus = envelopeStatus;
    this.httpStatus = httpStatus;
  }
}

export function okEnvelope(data: unknown, message: string = MESSAGES.ok): VtpEnvelope {
  return { status: ENVELOPE_STATUS.ok, error: false, message, data };
}

export function errorEnvelope(message: string, status: number = ENVELOPE_STATUS.error): VtpEnvelope {
  return { status, error: true, message, data: null };
}

export const invalidField = (field: string): VtpApiError => new VtpApiError(`Invalid [${field}]`);
export const incorrectData = (field: string): VtpApiError => new VtpApiError(`Incorrect data: ${field}`);
