// A node's region is a geohash prefix, as NodeCoordinator checks it: 1 to 8 characters of the
// geohash alphabet (digits and lower-case letters but a, i, l, o).
const GEOHASH_PREFIX = /^[0-9b-hjkmnp-z]{1,8}$/;

export const isGeohashPrefix = (text: string): boolean => GEOHASH_PREFIX.test(text);
