export { type PostmartOptions, postmart } from './postmart.js';
export { POSTMART_PROFILE } from './profile.js';
