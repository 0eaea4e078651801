/**
 * Why a PostgreSQL connection string cannot be used (in Vietnamese and English), or undefined. A
 * malformed URL is a setting to fix, never a network failure to retry; the reason names no part of
 * the string (it may hold the password). Nothing is connected.
 */
export function connectionStringIssue(
  connectionString: string,
): { messageVi: string; messageEn: string } | undefined {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return {
      messageVi: 'không phải URL postgres:// hợp lệ (máy chủ, cổng 1–65535)',
      messageEn: 'not a valid postgres:// URL (host, port 1–65535)',
    };
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    return {
      messageVi: 'phải bắt đầu bằng postgres:// hoặc postgresql://',
      messageEn: 'must start with postgres:// or postgresql://',
    };
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
    decodeURIComponent(url.pathname);
  } catch {
    return {
      messageVi: 'tên người dùng, mật khẩu hoặc tên CSDL có mã %-escape sai',
      messageEn: 'the user, password or database name holds a bad %-escape',
    };
  }
  return undefined;
}

export function connectionStringProblem(connectionString: string): string | undefined {
  const issue = connectionStringIssue(connectionString);
  return issue && `${issue.messageVi} / ${issue.messageEn}`;
}
