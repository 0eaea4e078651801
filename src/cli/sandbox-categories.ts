/** The sandboxes' category map, from the public sandbox entry (the examples import it from there too). */
export { SANDBOX_CATEGORIES } from 'ocop-connect/sandbox';
