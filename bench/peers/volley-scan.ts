/** Volley peer runner on the file, not streaming: `scanCsv(path)` then the question, `collect()`. */

import { runRunner } from './runner.js';
import { createVolleyFile } from './volley-file.js';

await runRunner(async (args) => createVolleyFile(args.threads, false));
