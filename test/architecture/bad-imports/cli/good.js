/** Good: the public API and a runtime dependency. */
import { api } from '../src/index.js';
import 'apache-arrow';
export const good = api;
