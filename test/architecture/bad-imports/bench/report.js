/** The fixture's benchmark report. */
export const report = 1;
