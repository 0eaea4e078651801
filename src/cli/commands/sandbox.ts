import type { Command } from 'commander';
import { startPostmartSandbox, startViettelPostSandbox, startVosoSandbox } from 'ocop-connect/sandbox';
import { outputOf } from '../context.js';
import { t } from '../i18n.js';
import type { Output } from '../output.js';

/**
 * Start the three emulators and keep them running, for trying the library from your own shop tool.
 * Prints the URLs, the demo credentials and the environment variables that point the CLI at them.
 */
export async function runSandbox(options: { port: string; once?: boolean }, out: Output): Promise<number> {
  const base = Number(options.port);
  const port = (offset: number) => (base > 0 ? base + offset : 0);
  const vosoBox = await startVosoSandbox({ port: port(0) });
  const postmartBox = await startPostmartSandbox({ port: port(1) });
  const vtpBox = await startViettelPostSandbox({ port: port(2), stepMs: 5_000 });
  const info = {
    voso: { baseUrl: vosoBox.baseUrl, credentials: vosoBox.credentials },
    postmart: { baseUrl: postmartBox.baseUrl, credentials: postmartBox.credentials },
    viettelpost: {
      baseUrl: vtpBox.url,
      credentials: vtpBox.memberCredentials,
      webhookSecret: vtpBox.webhookSecret,
    },
  };
  const env = [
    `OCOP_VOSO_BASE_URL=${vosoBox.baseUrl}`,
    `OCOP_VOSO_USERNAME=${vosoBox.credentials.username}`,
    `OCOP_VOSO_PASSWORD=${vosoBox.credentials.password}`,
    `OCOP_POSTMART_BASE_URL=${postmartBox.baseUrl}`,
    `OCOP_POSTMART_USERNAME=${postmartBox.credentials.username}`,
    `OCOP_POSTMART_PASSWORD=${postmartBox.credentials.password}`,
    `OCOP_POSTMART_CUSTOMER_CODE=${postmartBox.credentials.customerCode ?? ''}`,
    `OCOP_VTP_BASE_URL=${vtpBox.url}`,
    `OCOP_VTP_USERNAME=${vtpBox.memberCredentials.username}`,
    `OCOP_VTP_PASSWORD=${vtpBox.memberCredentials.password}`,
  ];
  // Demo credentials of local emulators are not secrets; printing them is the point of this command.
  out.json({ ...info, env });
  out.line(t(out.options.lang, 'sandboxRunning'));
  out.line(`  Voso:        ${vosoBox.baseUrl}`);
  out.line(`  Postmart:    ${postmartBox.baseUrl}`);
  out.line(`  ViettelPost: ${vtpBox.url}`);
  out.line();
  out.line(
    out.options.lang === 'vi'
      ? 'Biến môi trường để dùng CLI với các sandbox này:'
      : 'Environment for using the CLI with these sandboxes:',
  );
  for (const line of env) out.line(`  export ${line}`);
  const stop = async () => {
    await Promise.allSettled([vosoBox.close(), postmartBox.close(), vtpBox.close()]);
  };
  if (options.once) {
    await stop();
    return 0;
  }
  await new Promise<void>((resolve) => {
    const onSignal = () => resolve();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  await stop();
  return 0;
}

export function registerSandbox(program: Command): void {
  program
    .command('sandbox')
    .description('chạy 3 sandbox (Voso, Postmart, ViettelPost) / run the three emulators')
    .option('--port <n>', 'cổng đầu tiên (0 = ngẫu nhiên) / first port (0 = random)', '0')
    .option('--once', 'in thông tin rồi dừng / print and stop (for scripts)')
    .action(async (opts: { port: string; once?: boolean }, command: Command) => {
      process.exitCode = await runSandbox(opts, outputOf(command));
    });
}
