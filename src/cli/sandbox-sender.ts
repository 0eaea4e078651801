import type { Contact } from 'ocop-connect';

/** The shipper used against the sandbox when the config has no `sender`: a cooperative in Vĩnh Linh. */
export const SANDBOX_SENDER: Contact = {
  name: 'HTX Nông nghiệp Vĩnh Linh (sandbox)',
  phone: '0912345678',
  address: { street: 'Thôn Hiền Dũng', ward: 'Xã Vĩnh Thủy', province: 'Quảng Trị' },
};
