#ifndef HUANXIN_CZLIB_SHIM_H
#define HUANXIN_CZLIB_SHIM_H

#include <zlib.h>

// deflateInit2/inflateInit2 are macros that pass the library version and
// stream size; Swift cannot call macros, so wrap them.
static inline int huanxin_inflateInit2(z_streamp strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}

static inline int huanxin_deflateInit2(z_streamp strm, int level, int windowBits, int memLevel, int strategy) {
    return deflateInit2(strm, level, Z_DEFLATED, windowBits, memLevel, strategy);
}

#endif
