#ifndef LITHARVEST_CLIBXML2_SHIM_H
#define LITHARVEST_CLIBXML2_SHIM_H

/* libxml2's headers pull in ICU's when LIBXML_ICU_ENABLED is set, and ICU's headers clash with
 * Foundation's. We never use libxml2's ICU encoders, so switch them off before anything else. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>

/* xmlFree is a C global function pointer, which Swift 6 treats as shared mutable state. */
static inline void litharvest_xml_free(void *pointer) { xmlFree(pointer); }

#endif
