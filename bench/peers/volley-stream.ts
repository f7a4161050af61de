/** Volley peer runner on the file, streaming: `scanCsv(path)` then the question, `collect({ streaming: true })`. */

import { runRunner } from './runner.js';
import { createVolleyFile } from './volley-file.js';

await runRunner(async (args) => createVolleyFile(args.threads, true));
