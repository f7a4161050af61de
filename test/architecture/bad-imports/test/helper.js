/** A fixture test helper. */
export const helper = 1;
