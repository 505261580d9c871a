#ifndef HUANXIN_CLIBXML2_SHIM_H
#define HUANXIN_CLIBXML2_SHIM_H

// libxml2's streaming (SAX2 push) parser, used by the XLSX and
// XML Spreadsheet 2003 readers. Errors are collected through the SAX
// handler's structured-error slot: the generic error callback is variadic
// and Swift cannot implement it.
#include <libxml/xmlversion.h>

// Debian builds libxml2 with ICU, and encoding.h then includes ICU's
// headers. Their UErrorCode clashes with the copy inside Foundation
// (_FoundationICU) in any Swift module that imports both, and the build
// fails or not depending on the order clang loads modules in. huanxin never
// uses libxml2's ICU converters (the last two pointers of
// xmlCharEncodingHandler, a struct it never touches), so leave them out.
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

#endif
