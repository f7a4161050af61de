/** Bad: the bench loader importing the benchmark statically, and more than its command on demand. */
import { runBenchCommand } from '../bench/command.js';
export const run = runBenchCommand;
export const report = () => import('../bench/report.js');
