/** Bad: shipped code importing a package that is installed only as another package's dependency. */
import 'flatbuffers';
