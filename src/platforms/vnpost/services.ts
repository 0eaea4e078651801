/** MyVNPost domestic service codes (docs/vnpost.md: sources). */
export const VNPOST_SERVICES: Readonly<Record<string, { nameVi: string; nameEn: string }>> = {
  CTN001: { nameVi: 'Chuyển phát tiết kiệm', nameEn: 'Economy' },
  CTN007: { nameVi: 'TMĐT tiết kiệm', nameEn: 'E-commerce economy' },
  CTN009: { nameVi: 'TMĐT đồng giá', nameEn: 'E-commerce flat price' },
  ETN011: { nameVi: 'Chuyển phát nhanh', nameEn: 'Express' },
  ETN013: { nameVi: 'Hỏa tốc', nameEn: 'Same day' },
  ETN031: { nameVi: 'TMĐT nhanh', nameEn: 'E-commerce fast' },
  ETN037: { nameVi: 'TMĐT nhanh đồng giá', nameEn: 'E-commerce fast flat price' },
  PTN001: { nameVi: 'Logistics tiết kiệm (từ 30 kg)', nameEn: 'Logistics economy (30 kg and up)' },
};

/** Add-on (value-added) service and property codes used on quotes and orders. */
export const VNPOST_ADDONS = {
  /** Declared value (insurance); property PROP0026 carries the value. */
  declaredValue: 'GTG008',
  invoice: 'GTG015',
  /** Cash on delivery; property PROP0018 carries the amount. */
  cashOnDelivery: 'GTG021',
  pickupAtAddress: 'GTG026',
  /** The receiver pays the freight. */
  collectFreight: 'GTG071',
} as const;

export const VNPOST_PROPERTIES = { codAmount: 'PROP0018', declaredValue: 'PROP0026' } as const;
