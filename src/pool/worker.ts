/** The piscina worker entry: runs one task per call and replies with its result or a described error. */
import { describeError } from './tasks/errors.js';
import type { Task, TaskReply } from './protocol.js';
import { runTask } from './tasks/runner.js';

/**
 * Errors travel as data (name, message, stack, cause chain) rather than relying on how
 * structured clone treats Error objects, so `collect()` rejects with the worker's error and cause.
 */
export default function work(task: Task): TaskReply {
  try {
    return { ok: true, value: runTask(task) };
  } catch (e) {
    return { ok: false, error: describeError(e) };
  }
}
