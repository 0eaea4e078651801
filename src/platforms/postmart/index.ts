export { postmart } from './postmart.js';
export { POSTMART_PROFILE } from './profile.js';
