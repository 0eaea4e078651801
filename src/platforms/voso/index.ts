export { VOSO_PROFILE } from './profile.js';
export { voso } from './voso.js';
