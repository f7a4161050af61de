/** Bad: cli/ importing benchmark code. */
import '../bench/report.js';
