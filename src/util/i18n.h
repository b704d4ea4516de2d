/* The languages of the web pages: Dutch (the source language, what the code
 * says) and English (po/en.po, compiled to a .mo and embedded in the binary).
 *
 * The language is per request: the web layer sets it when a request begins
 * (pw_lang_set) and again once it knows the user; page code reads translated
 * words through _() for a literal and PW_TR_TABLE for a page's table T. */
#ifndef PW_UTIL_I18N_H
#define PW_UTIL_I18N_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/* A validated GNU .mo catalogue over bytes the caller keeps alive. */
struct pw_mo {
	const unsigned char *data;
	size_t len;
	uint32_t n, ids, strs; /* number of strings, offsets of the two tables */
	int swap;              /* written on a machine of the other byte order */
};

/* Checks the whole file (magic, every offset and length in bounds, every
 * string NUL-terminated, msgids sorted) so that lookups cannot go wrong.
 * PW_EINVAL with a message when it is not a usable catalogue. */
enum pw_status pw_mo_open(struct pw_mo *mo, const void *data, size_t len, struct pw_err *err);
/* The translation of msgid, or NULL when absent or empty (never the header). */
const char *pw_mo_find(const struct pw_mo *mo, const char *msgid);

/* The language of this thread's request: "en" for English, anything else
 * (NULL included) Dutch. */
void pw_lang_set(const char *lang);
/* "nl" or "en". */
const char *pw_lang(void);
/* The language an Accept-Language header asks for among ours ("en", "nl"),
 * by its q-values, or NULL when it names neither. */
const char *pw_lang_accept(const char *header);

/* msgid in the request's language (msgid itself in Dutch or when untranslated). */
const char *pw_tr(const char *msgid);
/* A copy of a table of string pointers (a struct of const char * and arrays
 * of them, nothing else) with every string translated; the table itself in
 * Dutch. Copies are made once per table and kept for the process. */
const void *pw_tr_table(const void *table, size_t size);
/* A title from a protocol definition in the request's language: title_en in
 * English where the definition gives one, else the Dutch titel. */
const char *pw_tr_title(const char *titel, const char *title_en);
#define PW_TR_TITLE(x) pw_tr_title((x)->titel, (x)->title_en)
/* The embedded English catalogue (NULL when missing or invalid). */
const struct pw_mo *pw_i18n_en(void);

/* Marks a string for xgettext without translating it here (table entries). */
#define N_(s) s
/* Translates a literal now, in the request's language. */
#define _(s) pw_tr(s)
/* A page's string table in the request's language: `#define T PW_TR_TABLE(T_nl)`. */
#define PW_TR_TABLE(t) (*(const __typeof__(t) *)pw_tr_table(&(t), sizeof(t)))

#endif
