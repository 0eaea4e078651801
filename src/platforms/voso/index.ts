export { VOSO_PROFILE } from './profile.js';
export { type VosoOptions, voso } from './voso.js';
