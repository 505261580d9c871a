#ifndef HUANXIN_CLIBXML2_SHIM_H
#define HUANXIN_CLIBXML2_SHIM_H

// libxml2's streaming (SAX2 push) parser, used by the XLSX and
// XML Spreadsheet 2003 readers. Errors are collected with
// xmlSetStructuredErrorFunc: the generic error callback is variadic and
// Swift cannot implement it.
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

#endif
