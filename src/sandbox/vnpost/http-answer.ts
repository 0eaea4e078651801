/** What the emulator's handlers return, and the error that becomes a non-2xx answer. */

/** An answer: HTTP status + JSON body. */
export interface Answer {
  status: number;
  body: unknown;
}

export class SandboxHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A 400 answer (VNPost's wording of a refused request). */
export const bad = (message: string) => new SandboxHttpError(400, message);
