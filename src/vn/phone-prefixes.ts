/**
 * Vietnamese numbering plan facts used by the phone helpers.
 *
 * Since the 2018 conversion every mobile number is 10 digits nationally (0 + 9) and since the
 * 2017 conversion every landline is 11 digits (0 + 2-digit or 3-digit area code starting with 2 +
 * subscriber number). Carrier names are the network each prefix was ALLOCATED to; with mobile
 * number portability (since 2019) a subscriber may have moved to another network, so never route
 * or price by carrier.
 */

export type VnMobileCarrier =
  | 'Viettel'
  | 'VinaPhone'
  | 'MobiFone'
  | 'Vietnamobile'
  | 'Gmobile'
  | 'iTel'
  | 'Wintel';

/**
 * Allocated 10-digit mobile prefixes. 095 (former S-Fone, closed 2012) is not in use and is
 * refused; 069 (military/government network) is not public and is refused.
 */
export const VN_MOBILE_PREFIXES: Readonly<Record<string, VnMobileCarrier>> = Object.freeze({
  '032': 'Viettel',
  '033': 'Viettel',
  '034': 'Viettel',
  '035': 'Viettel',
  '036': 'Viettel',
  '037': 'Viettel',
  '038': 'Viettel',
  '039': 'Viettel',
  '086': 'Viettel',
  '096': 'Viettel',
  '097': 'Viettel',
  '098': 'Viettel',
  '081': 'VinaPhone',
  '082': 'VinaPhone',
  '083': 'VinaPhone',
  '084': 'VinaPhone',
  '085': 'VinaPhone',
  '088': 'VinaPhone',
  '091': 'VinaPhone',
  '094': 'VinaPhone',
  '070': 'MobiFone',
  '076': 'MobiFone',
  '077': 'MobiFone',
  '078': 'MobiFone',
  '079': 'MobiFone',
  '089': 'MobiFone',
  '090': 'MobiFone',
  '093': 'MobiFone',
  '052': 'Vietnamobile',
  '056': 'Vietnamobile',
  '058': 'Vietnamobile',
  '092': 'Vietnamobile',
  '059': 'Gmobile',
  '099': 'Gmobile',
  '087': 'iTel',
  // Allocated to Mobicast's "Reddi" network, since renamed Wintel.
  '055': 'Wintel',
});

/**
 * The 11-digit mobile prefixes retired in the 2018 conversion and the prefix each became.
 * Old numbers still turn up in customer records and printed labels.
 */
export const VN_LEGACY_MOBILE_PREFIXES: Readonly<Record<string, string>> = Object.freeze({
  '0162': '032',
  '0163': '033',
  '0164': '034',
  '0165': '035',
  '0166': '036',
  '0167': '037',
  '0168': '038',
  '0169': '039',
  '0120': '070',
  '0121': '079',
  '0122': '077',
  '0126': '076',
  '0128': '078',
  '0123': '083',
  '0124': '084',
  '0125': '085',
  '0127': '081',
  '0129': '082',
  '0186': '056',
  '0188': '058',
  '0199': '059',
});

/**
 * Landline area codes after the 2017 conversion, keyed by the national prefix, with the (legacy,
 * pre-2025) province each serves. Hà Nội (024) and TP. Hồ Chí Minh (028) have 8-digit subscriber
 * numbers, every other area 7 digits, so a landline is always 11 digits.
 */
export const VN_LANDLINE_AREA_CODES: Readonly<Record<string, string>> = Object.freeze({
  '024': 'Hà Nội',
  '028': 'Hồ Chí Minh',
  '0203': 'Quảng Ninh',
  '0204': 'Bắc Giang',
  '0205': 'Lạng Sơn',
  '0206': 'Cao Bằng',
  '0207': 'Tuyên Quang',
  '0208': 'Thái Nguyên',
  '0209': 'Bắc Kạn',
  '0210': 'Phú Thọ',
  '0211': 'Vĩnh Phúc',
  '0212': 'Sơn La',
  '0213': 'Lai Châu',
  '0214': 'Lào Cai',
  '0215': 'Điện Biên',
  '0216': 'Yên Bái',
  '0218': 'Hòa Bình',
  '0219': 'Hà Giang',
  '0220': 'Hải Dương',
  '0221': 'Hưng Yên',
  '0222': 'Bắc Ninh',
  '0225': 'Hải Phòng',
  '0226': 'Hà Nam',
  '0227': 'Thái Bình',
  '0228': 'Nam Định',
  '0229': 'Ninh Bình',
  '0232': 'Quảng Bình',
  '0233': 'Quảng Trị',
  '0234': 'Thừa Thiên Huế',
  '0235': 'Quảng Nam',
  '0236': 'Đà Nẵng',
  '0237': 'Thanh Hóa',
  '0238': 'Nghệ An',
  '0239': 'Hà Tĩnh',
  '0251': 'Đồng Nai',
  '0252': 'Bình Thuận',
  '0254': 'Bà Rịa - Vũng Tàu',
  '0255': 'Quảng Ngãi',
  '0256': 'Bình Định',
  '0257': 'Phú Yên',
  '0258': 'Khánh Hòa',
  '0259': 'Ninh Thuận',
  '0260': 'Kon Tum',
  '0261': 'Đắk Nông',
  '0262': 'Đắk Lắk',
  '0263': 'Lâm Đồng',
  '0269': 'Gia Lai',
  '0270': 'Vĩnh Long',
  '0271': 'Bình Phước',
  '0272': 'Long An',
  '0273': 'Tiền Giang',
  '0274': 'Bình Dương',
  '0275': 'Bến Tre',
  '0276': 'Tây Ninh',
  '0277': 'Đồng Tháp',
  '0290': 'Cà Mau',
  '0291': 'Bạc Liêu',
  '0292': 'Cần Thơ',
  '0293': 'Hậu Giang',
  '0294': 'Trà Vinh',
  '0296': 'An Giang',
  '0297': 'Kiên Giang',
  '0299': 'Sóc Trăng',
});
