export { downloadShop } from './download.js';
export {
  type ExportCatalogOptions,
  type ExportCatalogResult,
  exportCatalog,
  type ImageNotDownloaded,
  type UnfilledColumn,
  type UnmappedCategory,
} from './export-catalog.js';
export { LINKED_CONTENT_HASH, type LinkListingsInput, linkListings } from './link-listings.js';
export { analyseText, type ListingText, parseQuantities, type Quantity } from './listing-text.js';
export { CatalogIndex, DEFAULT_MIN_MATCH_CONFIDENCE, proposeMatches } from './match-listings.js';
export { type MatchShopsInput, matchShops } from './match-shops.js';
export { recordProposals, settleProposals } from './proposals.js';
export {
  DECISION_WORDS,
  REVIEW_COLUMNS,
  type ReviewSheetDecisions,
  type ReviewSheetRow,
  readReviewSheet,
  reasonText,
  writeReviewSheet,
} from './review-sheet.js';
export type {
  LinkDecision,
  LinkListingsOptions,
  LinkListingsResult,
  LinkOutcome,
  LinkResultItem,
  ListingMatch,
  MatchCandidate,
  MatchListingsOptions,
  MatchListingsResult,
  MatchPlatformResult,
  MatchReason,
  OtherProductMatch,
  UnmatchedProduct,
  VariantMatch,
} from './types.js';
