import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  startPostmartSandbox,
  startShopeeSandbox,
  startViettelPostSandbox,
  startVnpostSandbox,
  startVosoSandbox,
} from 'ocop-connect/sandbox';
import { invalidArgument } from '../commander-text.js';
import { outputOf } from '../context.js';
import { EXIT } from '../errors.js';
import { type Lang, say, t } from '../i18n.js';
import { addCleanup, exitCodeOf, untilInterrupted } from '../lifecycle.js';
import { assertMayWrite } from '../may-write.js';
import type { Output } from '../output.js';
import { SANDBOX_CONFIG_CATEGORIES } from '../sandbox-categories.js';
import { SANDBOX_SENDER } from '../sandbox-sender.js';

export interface SandboxOptions {
  port: number;
  once?: boolean;
  writeConfig?: string;
  /** Overwrite an existing --write-config file. */
  force?: boolean;
}

/** `--port`: 0 (random ports) or the first of five consecutive ports. */
export function portParser(lang: Lang) {
  return (value: string): number => {
    const port = Number(value);
    if (!/^\d+$/.test(value) || port > 65_531) {
      throw invalidArgument(lang, {
        vi: 'phải là số cổng từ 0 đến 65531 (0 = ngẫu nhiên; dùng 5 cổng liên tiếp)',
        en: 'must be a port number from 0 to 65531 (0 = random; five consecutive ports are used)',
      });
    }
    return port;
  };
}

/** The key's base64 DER body: one line, which the adapter accepts as well as the PEM. */
function publicKeyBase64(pem: string): string {
  return pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
}

/** `NAME=value` as a POSIX shell line: the value single-quoted when it holds anything but plain characters. */
export function shellLine(line: string): string {
  const at = line.indexOf('=');
  const value = line.slice(at + 1);
  if (/^[\w@%+=:,./-]*$/.test(value)) return line;
  return `${line.slice(0, at + 1)}'${value.replace(/'/g, `'\\''`)}'`;
}

/** A folder name for this run's state: each run's emulators start empty, so must the record of them. */
function runStamp(now = new Date()): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * Start the five emulators (Voso, Postmart, ViettelPost, Shopee, VNPost) and keep them running, for trying the library or the CLI against them.
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
  // Before any server starts: a config file may hold real credentials.
  if (options.writeConfig)
    await assertMayWrite(options.writeConfig, { option: '--write-config', force: options.force });
  const removeCleanup = addCleanup(stop);
  try {
    const vosoBox = await startVosoSandbox({ port: port(0) });
    boxes.push(vosoBox);
    const postmartBox = await startPostmartSandbox({ port: port(1) });
    boxes.push(postmartBox);
    const vtpBox = await startViettelPostSandbox({ port: port(2), stepMs: 5_000 });
    boxes.push(vtpBox);
    const shopeeBox = await startShopeeSandbox({ port: port(3) });
    boxes.push(shopeeBox);
    const vnpostBox = await startVnpostSandbox({ port: port(4), stepMs: 5_000 });
    boxes.push(vnpostBox);

    // The shape of ocop-connect.config.json: pointing the CLI here with this file (or the env lines) is
    // "real" mode against local emulators. `"sandbox": true` makes the CLI refuse the file unless every
    // address in it is on this machine, so its demo logins and sample sender never reach a real platform.
    const config = {
      sandbox: true,
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
      shopee: {
        baseUrl: shopeeBox.baseUrl,
        partnerId: shopeeBox.credentials.partnerId,
        partnerKey: shopeeBox.credentials.partnerKey,
        shopId: shopeeBox.credentials.shopId,
        accessToken: shopeeBox.credentials.accessToken,
        refreshToken: shopeeBox.credentials.refreshToken,
      },
      vnpost: {
        baseUrl: vnpostBox.url,
        username: vnpostBox.credentials.username,
        password: vnpostBox.credentials.password,
        customerCode: vnpostBox.credentials.customerCode,
        webhookPublicKey: vnpostBox.webhookPublicKey,
      },
      // Sandbox only: the sample shipper, refused by the CLI whenever ViettelPost is not on this machine.
      sender: SANDBOX_SENDER,
      categories: SANDBOX_CONFIG_CATEGORIES,
      // This run's own folder: the emulators start empty each run, so the record of them must too.
      stateDir: `.ocop-connect-sandbox/${runStamp()}`,
    };
    const webhookSecrets = {
      voso: vosoBox.credentials.webhookSecret,
      postmart: postmartBox.credentials.webhookSecret,
      viettelpost: vtpBox.webhookSecret,
      // Shopee signs its pushes with the partner key (over the registered callback URL).
      shopee: shopeeBox.credentials.partnerKey,
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
      `OCOP_SHOPEE_BASE_URL=${config.shopee.baseUrl}`,
      `OCOP_SHOPEE_PARTNER_ID=${config.shopee.partnerId}`,
      `OCOP_SHOPEE_PARTNER_KEY=${config.shopee.partnerKey}`,
      `OCOP_SHOPEE_SHOP_ID=${config.shopee.shopId}`,
      `OCOP_SHOPEE_ACCESS_TOKEN=${config.shopee.accessToken}`,
      `OCOP_SHOPEE_REFRESH_TOKEN=${config.shopee.refreshToken}`,
      `OCOP_VNPOST_BASE_URL=${config.vnpost.baseUrl}`,
      `OCOP_VNPOST_USERNAME=${config.vnpost.username}`,
      `OCOP_VNPOST_PASSWORD=${config.vnpost.password}`,
      `OCOP_VNPOST_CUSTOMER_CODE=${config.vnpost.customerCode}`,
      // A PEM spans lines: the env line carries it base64-encoded (the adapter reads PEM or base64).
      `OCOP_VNPOST_WEBHOOK_PUBLIC_KEY=${publicKeyBase64(config.vnpost.webhookPublicKey)}`,
      // The shipper: outside embedded mode `ship` and `quote` need one (the sample is accepted only
      // while ViettelPost is on this machine).
      `OCOP_SENDER_NAME=${SANDBOX_SENDER.name}`,
      `OCOP_SENDER_PHONE=${SANDBOX_SENDER.phone}`,
      `OCOP_SENDER_STREET=${SANDBOX_SENDER.address.street ?? ''}`,
      `OCOP_SENDER_WARD=${SANDBOX_SENDER.address.ward}`,
      `OCOP_SENDER_PROVINCE=${SANDBOX_SENDER.address.province}`,
      // This run's own state folder, absolute: the lines may be pasted in another folder, and the
      // record of these emulators must never mix with the real one (.ocop-connect).
      `OCOP_STATE_DIR=${resolve(config.stateDir)}`,
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
    out.line(`  Shopee:      ${shopeeBox.baseUrl}`);
    out.line(`  VNPost:      ${vnpostBox.url}`);
    out.line();
    out.line(say(lang, 'Khóa ký webhook:', 'Webhook secrets:'));
    for (const [name, secret] of Object.entries(webhookSecrets)) out.line(`  ${name.padEnd(12)} ${secret}`);
    out.line();
    out.line(
      say(
        lang,
        'Biến môi trường để dùng CLI với các sandbox này (dán vào cửa sổ lệnh khác; ánh xạ danh mục mẫu bên dưới tự áp dụng):',
        'Environment for using the CLI with these sandboxes (paste into another terminal; the sample category mapping below applies by itself):',
      ),
    );
    for (const line of env) out.line(`  export ${shellLine(line)}`);
    out.line();
    out.line(
      say(
        lang,
        'Ánh xạ danh mục mẫu (khóa "categories"):',
        'Sample category mapping (the "categories" key):',
      ),
    );
    for (const [hint, targets] of Object.entries(SANDBOX_CONFIG_CATEGORIES)) {
      const ids = Object.entries(targets)
        .map(([platform, target]) => `${platform} ${target.categoryId}`)
        .join(', ');
      out.line(`  ${hint}: ${ids}`);
    }
    out.line();
    out.line(
      say(
        lang,
        `Người gửi mẫu (chỉ trong sandbox): ${SANDBOX_SENDER.name}, ${SANDBOX_SENDER.phone}`,
        `Sample sender (sandbox only): ${SANDBOX_SENDER.name}, ${SANDBOX_SENDER.phone}`,
      ),
    );
    if (options.writeConfig) {
      out.line(`\n${say(lang, 'Đã ghi cấu hình:', 'Config written:')} ${options.writeConfig}`);
      out.line(
        options.once
          ? say(
              lang,
              '⚠ Các sandbox đã dừng (--once): cấu hình này trỏ tới máy chủ không còn chạy; chạy lại không có --once để dùng nó.',
              '⚠ The sandboxes have stopped (--once): this config points at servers no longer running; run without --once to use it.',
            )
          : say(
              lang,
              '⚠ Cấu hình này chỉ dùng được khi lệnh sandbox này còn chạy: các máy chủ (và dữ liệu của chúng) mất khi lệnh dừng. Nó có "sandbox": true nên CLI từ chối nó nếu địa chỉ nào không phải máy này.',
              '⚠ This config works only while this sandbox command runs: the servers (and their data) are gone when it stops. It holds "sandbox": true, so the CLI refuses it if any address is not this machine.',
            ),
      );
    }
    if (options.once) return EXIT.ok;
    // Stopped by a signal, as documented: 130 for Ctrl+C, 143 for SIGTERM (servers are closed below).
    const signal = await untilInterrupted();
    return exitCodeOf(signal);
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
        'chạy 5 sandbox (Voso, Postmart, ViettelPost, Shopee, VNPost) và in mọi thông tin cần để dùng chúng',
        'run the five emulators (Voso, Postmart, ViettelPost, Shopee, VNPost) and print everything needed to use them',
      ),
    )
    .option(
      '--port <n>',
      say(
        lang,
        'cổng đầu tiên của 5 cổng liên tiếp (0 = ngẫu nhiên)',
        'first of five consecutive ports (0 = random)',
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
        'ghi tệp cấu hình trỏ tới các sandbox này (chỉ dùng được khi lệnh còn chạy)',
        'write a config file pointing at these sandboxes (usable while this command runs)',
      ),
    )
    .option(
      '--force',
      say(
        lang,
        'ghi đè tệp --write-config đã có (mật khẩu thật trong đó sẽ mất)',
        'overwrite an existing --write-config file (real credentials in it are lost)',
      ),
    )
    .action(async (opts: SandboxOptions, command: Command) => {
      process.exitCode = await runSandbox(opts, outputOf(command));
    });
}
