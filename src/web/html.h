/* The escaping HTML writer. Every byte of HTML the program emits goes through
 * here. Text is escaped by default: pw_html_printf's format string is trusted
 * markup written by us, and every %s argument is escaped. pw_html_raw is the
 * rare, visible exception for markup we built ourselves. */
#ifndef PW_WEB_HTML_H
#define PW_WEB_HTML_H

#include "util/buf.h"
#include "util/err.h"

/* Appends s with & < > " ' escaped (safe in text and in quoted attributes). */
void pw_html_text(struct pw_buf *b, const char *s);
void pw_html_textn(struct pw_buf *b, const char *s, size_t n);
/* fmt is trusted markup; conversions supported: %s (escaped; NULL prints
 * nothing), %d %i %u %ld %lu %lld %llu %zu %x %c (escaped) and %%. */
void pw_html_printf(struct pw_buf *b, const char *fmt, ...) PW_PRINTF(2, 3);
/* Trusted markup, appended as is. Grep for this to audit raw output. */
void pw_html_raw(struct pw_buf *b, const char *markup);

#endif
