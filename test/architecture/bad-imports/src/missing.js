/** Bad: shipped code importing a file that is not there. */
import './nowhere.js';
