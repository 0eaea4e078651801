export type { ReadCatalogOptions } from './catalog-options.js';
export * from './columns.js';
export { type CatalogReadResult, catalogFromSheet, readCatalog } from './read-catalog.js';
export {
  type CatalogFormat,
  detectDelimiter,
  readCsvText,
  type SheetData,
  type SheetRow,
} from './read-rows.js';
export { type TemplateFiles, writeCatalogTemplate } from './write-template.js';
