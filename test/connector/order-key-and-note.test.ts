/**
 * #18 trial 7 (items 4, 5): connector.cancelOrder with an order of a marketplace the connector lacks
 * ('vosso') named the platform/account in Vietnamese only, with no nearest name and a mixed "vi / en"
 * problem; a reason OTHER with no note (or an empty one) was "not a cancel reason" without saying the
 * note is what is missing. Both are refused naming the field in both languages; nothing is sent.
 */
import { describe, expect, it } from 'vitest';
import { ConfigurationError, type Connector, ValidationError } from '../../src/index.js';
import { failure } from '../core/helpers/failure.js';
import { sandboxTraffic as trafficOf, useSandboxConnector } from '../support/connector.js';
import type { Platforms } from '../sync/helpers.js';

let platforms: Platforms;
let connector: Connector;
useSandboxConnector((made) => {
  ({ platforms, connector } = made);
});

const requests = () => trafficOf(platforms).requests;

describe('connector.cancelOrder: an order of a marketplace the connector lacks', () => {
  it("'vosso': platform/account in both languages, the nearest marketplace, path: vi / path: en", async () => {
    const before = requests();
    const account = platforms.adapters[0]!.account;
    const error = await failure(() =>
      connector.cancelOrder({ platform: 'vosso', account, externalId: 'VS-1' }, 'OUT_OF_STOCK'),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    const { messageVi, messageEn, problems } = error as ConfigurationError;
    expect(messageVi).toContain(`order.platform: "vosso/${account}" không có trong bộ kết nối`);
    expect(messageVi).toContain('có phải "voso"?');
    expect(messageEn).toContain(`order.platform: "vosso/${account}" is not in this connector`);
    expect(messageEn).toContain('did you mean "voso"?');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^order\.platform: .* \/ order\.platform: .*is not in this connector/);
    expect(requests()).toBe(before);
  });

  it('a wrong account of a known platform names order.account and the nearest account', async () => {
    const account = platforms.adapters[0]!.account;
    const error = await failure(() =>
      connector.cancelOrder({ platform: 'voso', account: `${account}x`, externalId: 'VS-1' }, 'OUT_OF_STOCK'),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    const { messageEn, messageVi } = error as ConfigurationError;
    expect(messageEn).toContain(`order.account: "voso/${account}x" is not in this connector`);
    expect(messageEn).toContain(`did you mean "voso/${account}"?`);
    expect(messageVi).toContain(`order.account: "voso/${account}x" không có trong bộ kết nối`);
  });
});

describe('connector.cancelOrder: reason OTHER without its note', () => {
  const order = { platform: 'voso', account: 'htx-demo', externalId: 'VS-1' };
  it.each([
    ['no note', { code: 'OTHER' }, 'bắt buộc khi code là "OTHER"', 'is required when code is "OTHER"'],
    ['an empty note', { code: 'OTHER', note: '' }, 'không được để trống', 'must not be empty'],
    ['a blank note', { code: 'OTHER', note: '  ' }, 'không được để trống', 'must not be empty'],
    ['a note that is a number', { code: 'OTHER', note: 5 }, 'phải là một chuỗi', 'must be a text'],
  ])('%s: reason.note is named with the reason; nothing sent', async (_, reason, vi, en) => {
    const before = requests();
    const error = await failure(() => connector.cancelOrder(order, reason as never));
    expect(error).toBeInstanceOf(ValidationError);
    const { messageVi, messageEn, issues } = error as ValidationError;
    expect(messageVi).toContain(`reason.note: ${vi}`);
    expect(messageEn).toContain(`reason.note: ${en}`);
    expect(messageVi).not.toMatch(/required|must|cancel reason/);
    expect(issues[0]).toMatchObject({ path: 'reason.note', code: 'order.cancel_reason' });
    expect(requests()).toBe(before);
  });
});
