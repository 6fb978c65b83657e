// The system's zlib: EvalDSL's zip archives (Sources/EvalDSL/Archive), the tests' PNG decoder.
#include <zlib.h>
