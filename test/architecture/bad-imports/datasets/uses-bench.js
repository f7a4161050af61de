/** Bad: a data set generator importing benchmark code. */
import '../bench/report.js';
