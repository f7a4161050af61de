/** The fixture's public API: the one src/ file cli/ may import. */
export const api = 1;
