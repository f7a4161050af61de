/** Bad: benchmark code importing a test helper. */
import '../test/helper.js';
