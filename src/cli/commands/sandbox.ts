import { writeFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError } from 'commander';
import { startPostmartSandbox, startViettelPostSandbox, startVosoSandbox } from 'ocop-connect/sandbox';
import { outputOf } from '../context.js';
import { EXIT } from '../errors.js';
import { type Lang, say, t } from '../i18n.js';
import { addCleanup, untilInterrupted } from '../lifecycle.js';
import type { Output } from '../output.js';
import { SANDBOX_CATEGORIES } from '../sandbox-categories.js';

export interface SandboxOptions {
  port: number;
  once?: boolean;
  writeConfig?: string;
}

/** `--port`: 0 (random ports) or the first of three consecutive ports. */
export function portParser(lang: Lang) {
  return (value: string): number => {
    const port = Number(value);
    if (!/^\d+$/.test(value) || port > 65_533) {
      throw new InvalidArgumentError(
        say(
          lang,
          'phải là số cổng từ 0 đến 65533 (0 = ngẫu nhiên; dùng 3 cổng liên tiếp)',
          'must be a port number from 0 to 65533 (0 = random; three consecutive ports are used)',
        ),
      );
    }
    return port;
  };
}

/**
 * Start the three emulators and keep them running, for trying the library or the CLI against them.
 * Prints everything needed to use them: URLs, demo credentials, webhook secrets, the label print host,
 * the sample category mapping, as environment lines and as a config file (`--write-config`).
 */
export async function runSandbox(options: SandboxOptions, out: Output): Promise<number> {
  const lang = out.options.lang;
  const port = (offset: number) => (options.port > 0 ? options.port + offset : 0);
  const boxes: { close(): Promise<void> }[] = [];
  const stop = async () => {
    await Promise.allSettled(boxes.map((box) => box.close()));
  };
  const removeCleanup = addCleanup(stop);
  try {
    const vosoBox = await startVosoSandbox({ port: port(0) });
    boxes.push(vosoBox);
    const postmartBox = await startPostmartSandbox({ port: port(1) });
    boxes.push(postmartBox);
    const vtpBox = await startViettelPostSandbox({ port: port(2), stepMs: 5_000 });
    boxes.push(vtpBox);

    // The shape of ocop-connect.config.json: pointing the CLI here with this file (or the env lines) is
    // "real" mode against local emulators; the sandbox's sample sender is deliberately not in it.
    const config = {
      voso: {
        baseUrl: vosoBox.baseUrl,
        username: vosoBox.credentials.username,
        password: vosoBox.credentials.password,
      },
      postmart: {
        baseUrl: postmartBox.baseUrl,
        username: postmartBox.credentials.username,
        password: postmartBox.credentials.password,
        ...(postmartBox.credentials.customerCode
          ? { customerCode: postmartBox.credentials.customerCode }
          : {}),
      },
      viettelpost: {
        baseUrl: vtpBox.url,
        labelHost: vtpBox.url,
        username: vtpBox.memberCredentials.username,
        password: vtpBox.memberCredentials.password,
        webhookSecret: vtpBox.webhookSecret,
      },
      categories: SANDBOX_CATEGORIES,
      stateDir: '.ocop-connect-sandbox',
    };
    const webhookSecrets = {
      voso: vosoBox.credentials.webhookSecret,
      postmart: postmartBox.credentials.webhookSecret,
      viettelpost: vtpBox.webhookSecret,
    };
    const env = [
      `OCOP_VOSO_BASE_URL=${config.voso.baseUrl}`,
      `OCOP_VOSO_USERNAME=${config.voso.username}`,
      `OCOP_VOSO_PASSWORD=${config.voso.password}`,
      `OCOP_POSTMART_BASE_URL=${config.postmart.baseUrl}`,
      `OCOP_POSTMART_USERNAME=${config.postmart.username}`,
      `OCOP_POSTMART_PASSWORD=${config.postmart.password}`,
      `OCOP_POSTMART_CUSTOMER_CODE=${postmartBox.credentials.customerCode ?? ''}`,
      `OCOP_VTP_BASE_URL=${config.viettelpost.baseUrl}`,
      `OCOP_VTP_LABEL_HOST=${config.viettelpost.labelHost}`,
      `OCOP_VTP_USERNAME=${config.viettelpost.username}`,
      `OCOP_VTP_PASSWORD=${config.viettelpost.password}`,
      `OCOP_VTP_WEBHOOK_SECRET=${config.viettelpost.webhookSecret}`,
    ];
    if (options.writeConfig) await writeFile(options.writeConfig, `${JSON.stringify(config, null, 2)}\n`);

    // Demo credentials of local emulators are not secrets; printing them is the point of this command.
    out.json({
      ...config,
      webhookSecrets,
      env,
      ...(options.writeConfig ? { configFile: options.writeConfig } : {}),
    });
    out.line(t(lang, options.once ? 'sandboxStarted' : 'sandboxRunning'));
    out.line(`  Voso:        ${vosoBox.baseUrl}`);
    out.line(`  Postmart:    ${postmartBox.baseUrl}`);
    out.line(
      `  ViettelPost: ${vtpBox.url}  (${say(lang, 'trang in tem', 'label print host')}: ${vtpBox.url})`,
    );
    out.line();
    out.line(say(lang, 'Khóa ký webhook:', 'Webhook secrets:'));
    for (const [name, secret] of Object.entries(webhookSecrets)) out.line(`  ${name.padEnd(12)} ${secret}`);
    out.line();
    out.line(
      say(
        lang,
        'Biến môi trường để dùng CLI với các sandbox này (danh mục: xem --write-config hoặc --json):',
        'Environment for using the CLI with these sandboxes (categories: see --write-config or --json):',
      ),
    );
    for (const line of env) out.line(`  export ${line}`);
    out.line();
    out.line(
      say(
        lang,
        'Ánh xạ danh mục mẫu (khóa "categories"):',
        'Sample category mapping (the "categories" key):',
      ),
    );
    for (const [hint, targets] of Object.entries(SANDBOX_CATEGORIES)) {
      const ids = Object.entries(targets)
        .map(([platform, target]) => `${platform} ${target.categoryId}`)
        .join(', ');
      out.line(`  ${hint}: ${ids}`);
    }
    if (options.writeConfig)
      out.line(`\n${say(lang, 'Đã ghi cấu hình:', 'Config written:')} ${options.writeConfig}`);
    if (options.once) return EXIT.ok;
    // Stopped by a signal, as documented: 130 for Ctrl+C, 143 for SIGTERM (servers are closed below).
    const signal = await untilInterrupted();
    return signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated;
  } finally {
    removeCleanup();
    await stop();
  }
}

export function registerSandbox(program: Command, lang: Lang): void {
  program
    .command('sandbox')
    .description(
      say(
        lang,
        'chạy 3 sandbox (Voso, Postmart, ViettelPost) và in mọi thông tin cần để dùng chúng',
        'run the three emulators and print everything needed to use them',
      ),
    )
    .option(
      '--port <n>',
      say(
        lang,
        'cổng đầu tiên của 3 cổng liên tiếp (0 = ngẫu nhiên)',
        'first of three consecutive ports (0 = random)',
      ),
      portParser(lang),
      0,
    )
    .option(
      '--once',
      say(
        lang,
        'khởi động, in thông tin rồi dừng ngay (cho script)',
        'start, print and stop at once (for scripts)',
      ),
    )
    .option(
      '--write-config <file>',
      say(
        lang,
        'ghi tệp cấu hình trỏ tới các sandbox này',
        'write a config file pointing at these sandboxes',
      ),
    )
    .action(async (opts: SandboxOptions, command: Command) => {
      process.exitCode = await runSandbox(opts, outputOf(command));
    });
}
