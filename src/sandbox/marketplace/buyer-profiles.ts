/** Simulated buyers: legacy 3-level addresses for Voso, post-2025 2-level addresses for Postmart. */
import type { SandboxBuyer } from './shop-data.js';

export const LEGACY_BUYERS: readonly SandboxBuyer[] = [
  {
    name: 'Nguyễn Thị Lan',
    phone: '0912345678',
    address: {
      province: 'Hà Nội',
      district: 'Quận Cầu Giấy',
      ward: 'Phường Dịch Vọng',
      detail: '12 Trần Thái Tông',
    },
  },
  {
    name: 'Trần Văn Hùng',
    phone: '0983456789',
    address: {
      province: 'Hồ Chí Minh',
      district: 'Quận 3',
      ward: 'Phường Võ Thị Sáu',
      detail: '45 Nam Kỳ Khởi Nghĩa',
    },
  },
  {
    name: 'Lê Thị Hồng Nhung',
    phone: '0935123456',
    address: {
      province: 'Đà Nẵng',
      district: 'Quận Hải Châu',
      ward: 'Phường Thạch Thang',
      detail: '8 Lê Duẩn',
    },
  },
  {
    name: 'Phạm Quốc Bảo',
    phone: '0868111222',
    address: {
      province: 'Cần Thơ',
      district: 'Quận Ninh Kiều',
      ward: 'Phường Tân An',
      detail: '102 Hai Bà Trưng',
    },
  },
];

export const TWO_LEVEL_BUYERS: readonly SandboxBuyer[] = [
  {
    name: 'Trần Văn Minh',
    phone: '0987654321',
    address: {
      province: 'Thành phố Hà Nội',
      district: null,
      ward: 'Phường Cầu Giấy',
      detail: '25 Xuân Thủy',
    },
  },
  {
    name: 'Đỗ Thị Mai',
    phone: '0903222333',
    address: {
      province: 'Thành phố Hồ Chí Minh',
      district: null,
      ward: 'Phường Sài Gòn',
      detail: '3 Công xã Paris',
    },
  },
  {
    name: 'Hoàng Minh Đức',
    phone: '0977555666',
    address: { province: 'Tỉnh Lào Cai', district: null, ward: 'Phường Sa Pa', detail: '17 Xuân Viên' },
  },
  {
    name: 'Vũ Thị Thu Hà',
    phone: '0944777888',
    address: { province: 'Thành phố Huế', district: null, ward: 'Phường Thuận Hóa', detail: '6 Lê Lợi' },
  },
];
