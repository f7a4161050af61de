/** An internal module of the fixture's src/. */
export const column = 1;
