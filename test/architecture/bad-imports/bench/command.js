/** The fixture's benchmark command. */
export const runBenchCommand = () => 0;
