/**
 * VTP-style short province codes (the `PROVINCE_CODE` column, e.g. HNI, HCM, QTI) keyed by the GSO
 * province code. VTP's real table is not public in full; these follow its visible pattern of
 * three upper-case letters derived from the name.
 */
export const PROVINCE_SHORT_CODES: Readonly<Record<string, string>> = {
  '01': 'HNI',
  '02': 'HGG',
  '04': 'CBG',
  '06': 'BKN',
  '08': 'TQG',
  '10': 'LCI',
  '11': 'DBN',
  '12': 'LCU',
  '14': 'SLA',
  '15': 'YBI',
  '17': 'HBH',
  '19': 'TNN',
  '20': 'LSN',
  '22': 'QNH',
  '24': 'BGG',
  '25': 'PTO',
  '26': 'VPC',
  '27': 'BNH',
  '30': 'HDG',
  '31': 'HPG',
  '33': 'HYN',
  '34': 'TBH',
  '35': 'HNM',
  '36': 'NDH',
  '37': 'NBH',
  '38': 'THA',
  '40': 'NAN',
  '42': 'HTH',
  '44': 'QBH',
  '45': 'QTI',
  '46': 'HUE',
  '48': 'DNG',
  '49': 'QNM',
  '51': 'QNI',
  '52': 'BDH',
  '54': 'PYN',
  '56': 'KHA',
  '58': 'NTN',
  '60': 'BTN',
  '62': 'KTM',
  '64': 'GLI',
  '66': 'DLK',
  '67': 'DKN',
  '68': 'LDG',
  '70': 'BPC',
  '72': 'TNH',
  '74': 'BDG',
  '75': 'DNI',
  '77': 'VTU',
  '79': 'HCM',
  '80': 'LAN',
  '82': 'TGG',
  '83': 'BTE',
  '84': 'TVH',
  '86': 'VLG',
  '87': 'DTP',
  '89': 'AGG',
  '91': 'KGG',
  '92': 'CTO',
  '93': 'HGI',
  '94': 'STG',
  '95': 'BLU',
  '96': 'CMU',
};

export type Region = 'north' | 'central' | 'south';

/** Pricing zone of a legacy GSO province code: North up to Ninh Bình, Central up to Lâm Đồng. */
export function regionOfGsoProvince(gsoCode: string): Region {
  const code = Number(gsoCode);
  if (code <= 37) return 'north';
  if (code <= 68) return 'central';
  return 'south';
}
