/* A growable byte buffer: responses are built in one of these, then handed
 * to the HTTP layer in one piece. Growth never fails (out of memory aborts). */
#ifndef PW_UTIL_BUF_H
#define PW_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "util/err.h"

struct pw_buf {
	char *data; /* owned; always NUL-terminated when len > 0 or after any put */
	size_t len;
	size_t cap;
};

void pw_buf_init(struct pw_buf *b);
void pw_buf_free(struct pw_buf *b);
void pw_buf_reserve(struct pw_buf *b, size_t extra);
void pw_buf_put(struct pw_buf *b, const void *p, size_t n);
void pw_buf_puts(struct pw_buf *b, const char *s);
void pw_buf_putc(struct pw_buf *b, char c);
void pw_buf_printf(struct pw_buf *b, const char *fmt, ...) PW_PRINTF(2, 3);
void pw_buf_vprintf(struct pw_buf *b, const char *fmt, va_list ap);
/* Hands the data to the caller (who frees it with free()); the buffer is empty after. */
char *pw_buf_steal(struct pw_buf *b, size_t *len);

#endif
