/**
 * Trial 18b, defect N9: the ViettelPost adapter checks the service code itself, as the connector does and
 * the VNPost adapter did — an unknown code ('VCNN', or fulfil's policy 'cheapest' misspelt) is a bilingual
 * ValidationError naming `serviceCode`, with a did-you-mean, and no create reaches ViettelPost.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.js';
import type { ViettelPostAdapter } from '../../../src/platforms/viettelpost/index.js';
import type { ViettelPostSandbox } from '../../../src/sandbox/index.js';
import { PARCEL, RECEIVER, SENDER_2025, useViettelPostMember } from './helpers.js';

let box: ViettelPostSandbox;
let vtp: ViettelPostAdapter;
useViettelPostMember((made) => {
  ({ box, vtp } = made);
});

const request = { sender: SENDER_2025, receiver: RECEIVER, parcel: PARCEL, codAmountVnd: 0 };

async function refusal(serviceCode: unknown, reference: string): Promise<ValidationError> {
  const error = await vtp
    .createShipment({ ...request, serviceCode: serviceCode as string }, { reference })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('ViettelPost createShipment checks the service code before sending (N9)', () => {
  it('a misspelt code gets a did-you-mean in both languages; nothing is created', async () => {
    // Normalised first (trimmed, upper case), like every service code.
    const error = await refusal('vcnn', 'svc-typo');
    expect(error.issues[0]).toMatchObject({
      path: 'serviceCode',
      value: 'VCNN',
      code: 'shipment.unknown_service',
    });
    expect(error.messageEn).toMatch(/ViettelPost has no service "VCNN"; did you mean "VCN"\?/);
    expect(error.messageVi).toMatch(/ViettelPost không có dịch vụ "VCNN"; có phải "VCN"\?/);
    expect(error.platform).toBe('viettelpost');
    expect(box.state.requestCount('createOrder')).toBe(0);
    expect(await vtp.shipmentRecord('svc-typo')).toBeUndefined();
  });

  it("fulfil's policy word misspelt ('cheapset') is named as a policy, not sent as a code", async () => {
    const error = await refusal('cheapset', 'svc-policy');
    expect(error.messageEn).toMatch(
      /"cheapest" is a service policy of fulfil\(\), the adapter needs a service code/,
    );
    expect(error.messageVi).toMatch(/"cheapest" là chính sách dịch vụ của fulfil\(\)/);
    expect(box.state.requestCount('createOrder')).toBe(0);
  });

  it('a missing code is refused too; a known code in lower case is created as that service', async () => {
    await refusal(undefined, 'svc-missing');
    expect(box.state.requestCount('createOrder')).toBe(0);
    const shipment = await vtp.createShipment({ ...request, serviceCode: ' vcn ' }, { reference: 'svc-ok' });
    expect(shipment.serviceCode).toBe('VCN');
    expect(box.state.requestCount('createOrder')).toBe(1);
  });
});
