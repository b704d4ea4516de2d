/* What every page of the web interface shares beyond the frame (layout.h):
 * the session check, forms with their CSRF token and field errors in the
 * GOV.UK manner (a summary at the top linking to each field, the message at
 * the field tied to it with aria-describedby, the typed values kept), Dutch
 * dates, status tags with words, and the protocol's plain prose.
 *
 * Strings: each page keeps its user-visible words in one table at the top
 * of its file (T_nl, each string marked N_() for xgettext; `T` is that table
 * in the request's language, util/i18n.h); the few words outside a table are
 * wrapped in _(). Dutch is the source language, po/en.po the English. */
#ifndef PW_WEB_UI_H
#define PW_WEB_UI_H

#include <stdbool.h>

#include "auth/auth.h"
#include "core/calendar.h"
#include "core/casus.h"
#include "http/http.h"

/* Identifies the page's user by session cookie; redirects to /login and
 * returns 0 when there is none. */
int pw_ui_auth(struct pw_req *r, struct pw_actor *a);

/* The cookie that keeps the language of a visitor who is not logged in. */
#define PW_UI_LANG_COOKIE "pw_lang"
/* Sets the request's language for a page without login: the pw_lang cookie,
 * else the browser's Accept-Language, else Dutch. (pw_ui_auth sets the
 * logged-in user's own language.) */
void pw_ui_lang_anon(struct pw_req *r);

/* Forms for someone not logged in (login, the public report and survey
 * pages) are protected by double submit: a random token in a short-lived
 * SameSite=Strict cookie for path, echoed by the form's csrf field. Sets a
 * fresh cookie and returns the token for the form. */
const char *pw_ui_anon_token(struct pw_req *r, const char *cookie, const char *path, int max_age);
/* Whether the form's csrf field is the cookie's token (constant time). */
bool pw_ui_anon_token_ok(struct pw_req *r, const struct pw_fields *f, const char *cookie);
/* Whether p is a path on this site that is safe to redirect to. */
bool pw_ui_safe_path(const char *p);
/* A protocol item's title in the request's language: title_en in English
 * when the school's definition has it, else the Dutch titel. */
const char *pw_ui_title(const char *titel, const char *title_en);
#define PW_UI_TITLE(x) pw_ui_title((x)->titel, (x)->title_en)

/* Parses a posted form (at most max fields) and checks its CSRF token;
 * answers 400/403 with a page and returns 0 when either fails. */
int pw_ui_form(struct pw_req *r, const struct pw_actor *a, size_t max, struct pw_fields *f);

/* A page that says something went wrong (403, 404, 409, 500) with a way back. */
void pw_ui_error_page(struct pw_req *r, const struct pw_actor *a, int status, const char *title, const char *msg,
		      const char *back);

/* Field errors of one form submission. */
#define PW_UI_MAX_ERRORS 16
struct pw_ui_errors {
	size_t n;
	struct {
		const char *field; /* the id of the input it is about ("" for the form) */
		const char *msg;
	} v[PW_UI_MAX_ERRORS];
};

void pw_ui_error_add(struct pw_ui_errors *e, const char *field, const char *msg);
/* The message for field, or NULL. */
const char *pw_ui_error_of(const struct pw_ui_errors *e, const char *field);
/* The summary box at the top of a form (nothing when there are no errors). */
void pw_ui_error_summary(struct pw_buf *b, const struct pw_ui_errors *e);
/* Opens a field wrapper with its label (and hint, and error when any). The
 * input that follows gets id=`id` and, via pw_ui_described, its
 * aria-describedby. */
void pw_ui_field_begin(struct pw_buf *b, const struct pw_ui_errors *e, const char *id, const char *label,
		       const char *hint);
/* ` aria-describedby="..."` (and aria-invalid) for the input of field id. */
void pw_ui_described(struct pw_buf *b, const struct pw_ui_errors *e, const char *id, const char *hint);
void pw_ui_field_end(struct pw_buf *b);

/* All values of a repeated field (checkboxes), NULL-terminated, in the arena. */
const char **pw_ui_values(struct pw_arena *a, const struct pw_fields *f, const char *name, size_t *n);
bool pw_ui_has_value(const struct pw_fields *f, const char *name, const char *value);
/* A field's value, trimmed of surrounding blanks; NULL when empty or absent. */
const char *pw_ui_get(struct pw_arena *a, const struct pw_fields *f, const char *name);

/* "3 februari 2026"; "" for 0. */
const char *pw_ui_day(struct pw_arena *a, pw_day d);
/* "di 3 feb": short, for lists. */
const char *pw_ui_day_short(struct pw_arena *a, pw_day d);
/* "3 februari 2026, 14:05" (Europe/Amsterdam) for a timestamp. */
const char *pw_ui_time(struct pw_arena *a, int64_t t);

/* A status tag: words always, colour only as a second signal. kind is one
 * of: done, open, overdue, blocked, skipped, optional, info, warn. */
void pw_ui_tag(struct pw_buf *b, const char *kind, const char *text);

/* The protocol's plain prose (paragraphs, "- " bullets, "1. " items), escaped. */
void pw_ui_prose(struct pw_buf *b, const char *text);

/* The name of an account, or "" (looked up in the store). */
const char *pw_ui_user_name(struct pw_req *r, int64_t user_id);

struct pw_case;
struct pw_loaded_case;
/* Opens the case in the URL (its first segment) for the page's user, to be
 * released when the request ends; answers 404 (or the store's error) with a
 * page and returns 0 when they may not see it. */
int pw_casus_load(struct pw_req *r, struct pw_actor *a, struct pw_loaded_case **out);
/* What a case is called on a page: its target (name, class), else its first
 * person: "Sophie de Vries (2B)". */
const char *pw_ui_case_name(struct pw_arena *a, const struct pw_case *c);
/* The Dutch title of a level ("De mentor"), or the key when unknown. */
const char *pw_ui_level_title(const struct pw_protocol *p, const char *level);
/* The title of a person's role in a case ("gepeste" is "Gepeste leerling")
 * and of a functie ("vakdocent" is "Vakdocent"), in the request's language,
 * or the key when the definition does not know it: a key is no word for people. */
const char *pw_ui_sitrole_title(const struct pw_protocol *p, const char *key);
const char *pw_ui_functie_title(const struct pw_protocol *p, const char *key);

/* Parses a positive id from a URL segment; 0 when it is not one. */
int64_t pw_ui_id(const char *s);

#endif
