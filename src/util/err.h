/* One error type for the whole program: a status code and a message in plain
 * words that says what went wrong and what to do about it. Functions that can
 * fail return a pw_status and fill a struct pw_err supplied by the caller. */
#ifndef PW_UTIL_ERR_H
#define PW_UTIL_ERR_H

#include <stdarg.h>
#include <stddef.h>

#define PW_PRINTF(f, a) __attribute__((format(printf, f, a)))

enum pw_status {
	PW_OK = 0,
	PW_EINVAL,    /* malformed or invalid input: HTTP 400 */
	PW_EAUTH,     /* not authenticated: 401 */
	PW_EFORBID,   /* role may not do this: 403 */
	PW_ENOTFOUND, /* no such thing, or not visible to the user: 404 */
	PW_EPROTOCOL, /* the protocol does not allow this now: 409 */
	PW_ECONFLICT, /* state conflict other than the protocol (duplicate): 409 */
	PW_ETOOBIG,   /* input over a limit: 413 */
	PW_ETYPE,     /* unsupported media type: 415 */
	PW_ELIMIT,    /* too many requests: 429 */
	PW_EIO,       /* storage or system failure: 500 */
	PW_EMETHOD,   /* the path exists, not with this method: 405 */
	PW_ETIMEOUT,  /* the request did not arrive in time: 408 */
};

struct pw_err {
	enum pw_status code;
	/* Field the error is about (form or JSON field), or "" when none. */
	char field[64];
	/* File and line the error is about (protocol files, imports), 0 if none. */
	int line;
	char msg[512];
};

/* Sets code and message (printf-style); clears field and line. Returns code. */
enum pw_status pw_err_set(struct pw_err *e, enum pw_status code, const char *fmt, ...) PW_PRINTF(3, 4);
/* Like pw_err_set, naming the field the error is about. */
enum pw_status pw_err_field(struct pw_err *e, enum pw_status code, const char *field, const char *fmt, ...)
	PW_PRINTF(4, 5);
/* Clears an error to PW_OK. */
void pw_err_clear(struct pw_err *e);
/* Short machine name of a status, as the API's error.code ("invalid"). */
const char *pw_status_name(enum pw_status s);
/* HTTP status code for a status. */
int pw_status_http(enum pw_status s);

/* Out of memory is not an error we recover from: print and abort. */
_Noreturn void pw_oom(void);
void *pw_xmalloc(size_t n);
void *pw_xcalloc(size_t n, size_t size);
void *pw_xrealloc(void *p, size_t n);
char *pw_xstrdup(const char *s);
char *pw_xstrndup(const char *s, size_t n);

#endif
