/** Describes the machine a benchmark ran on, so that every published figure says where it came from. */

import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import type { MachineInfo } from './model.js';

/**
 * CPU model, usable cores, memory, OS and Node version of this machine.
 *
 * @example
 * machineInfo(); // { cpu: 'AMD EPYC', cores: 2, memoryGiB: 23, platform: 'linux 6.8.0', node: 'v20.20.2', loadAverage: 0.4 }
 */
export function machineInfo(): MachineInfo {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${platform()} ${release()}`,
    node: process.version,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
