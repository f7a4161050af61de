/** Whether a module runs as the entry script, so that tests can import a script's parts without running it. */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * True when the module at `moduleUrl` is the script Node was started with (links resolved).
 *
 * @example
 * if (isEntryScript(import.meta.url)) await main();
 */
export function isEntryScript(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
