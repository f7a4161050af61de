/** Bad: shipped code importing a dev dependency. */
import 'vega';
