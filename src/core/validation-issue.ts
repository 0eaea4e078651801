// The model owns ValidationIssue; core re-exports it so adapters can import everything from core.
export type { ValidationIssue } from '../model/validation.js';
