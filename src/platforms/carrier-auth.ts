import { loginTokenAuth } from '../core/auth/strategies.js';
import { AuthenticationError } from '../core/errors.js';

/**
 * A carrier adapter configured with a token and no login: the token is sent as `headerName`, and a
 * refusal of it cannot be answered by logging in again, so the call fails with AuthenticationError
 * (`refusedMessage`, naming the platform).
 */
export function givenTokenAuth(options: {
  key: string;
  headerName: string;
  token: string;
  obtainedAtMs: number;
  platform: string;
  refusedMessage: string;
}) {
  const { key, headerName, token, obtainedAtMs, platform, refusedMessage } = options;
  return loginTokenAuth({
    key,
    headerName,
    initialToken: { value: token, obtainedAtMs },
    login: async () => {
      throw new AuthenticationError(refusedMessage, { platform });
    },
  });
}
