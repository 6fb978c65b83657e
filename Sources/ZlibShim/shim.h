// zlib for the tests' PNG decoder (screenshots of rendered reports).
#include <zlib.h>
