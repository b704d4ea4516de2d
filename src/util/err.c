#include "util/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void vset(struct pw_err *e, enum pw_status code, const char *fmt, va_list ap)
{
	e->code = code;
	e->field[0] = '\0';
	e->line = 0;
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
}

enum pw_status pw_err_set(struct pw_err *e, enum pw_status code, const char *fmt, ...)
{
	va_list ap;
	if (e == NULL)
		return code;
	va_start(ap, fmt);
	vset(e, code, fmt, ap);
	va_end(ap);
	return code;
}

enum pw_status pw_err_field(struct pw_err *e, enum pw_status code, const char *field, const char *fmt, ...)
{
	va_list ap;
	if (e == NULL)
		return code;
	va_start(ap, fmt);
	vset(e, code, fmt, ap);
	va_end(ap);
	snprintf(e->field, sizeof e->field, "%s", field);
	return code;
}

void pw_err_clear(struct pw_err *e)
{
	memset(e, 0, sizeof *e);
}

const char *pw_status_name(enum pw_status s)
{
	switch (s) {
	case PW_OK: return "ok";
	case PW_EINVAL: return "invalid";
	case PW_EAUTH: return "unauthenticated";
	case PW_EFORBID: return "forbidden";
	case PW_ENOTFOUND: return "not_found";
	case PW_EPROTOCOL: return "protocol";
	case PW_ECONFLICT: return "conflict";
	case PW_ETOOBIG: return "too_large";
	case PW_ETYPE: return "unsupported_type";
	case PW_ELIMIT: return "too_many_requests";
	case PW_EIO: return "internal";
	case PW_EMETHOD: return "method_not_allowed";
	case PW_ETIMEOUT: return "timeout";
	}
	return "internal";
}

int pw_status_http(enum pw_status s)
{
	switch (s) {
	case PW_OK: return 200;
	case PW_EINVAL: return 400;
	case PW_EAUTH: return 401;
	case PW_EFORBID: return 403;
	case PW_ENOTFOUND: return 404;
	case PW_EPROTOCOL: return 409;
	case PW_ECONFLICT: return 409;
	case PW_ETOOBIG: return 413;
	case PW_ETYPE: return 415;
	case PW_ELIMIT: return 429;
	case PW_EIO: return 500;
	case PW_EMETHOD: return 405;
	case PW_ETIMEOUT: return 408;
	}
	return 500;
}

_Noreturn void pw_oom(void)
{
	fputs("pestwijzer: out of memory; stopping so nothing is written half\n", stderr);
	abort();
}

void *pw_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		pw_oom();
	return p;
}

void *pw_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		pw_oom();
	return p;
}

void *pw_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (q == NULL)
		pw_oom();
	return q;
}

char *pw_xstrdup(const char *s)
{
	return pw_xstrndup(s, strlen(s));
}

char *pw_xstrndup(const char *s, size_t n)
{
	char *p = pw_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
