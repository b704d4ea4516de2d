#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pw_buf_init(struct pw_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void pw_buf_free(struct pw_buf *b)
{
	free(b->data);
	pw_buf_init(b);
}

void pw_buf_reserve(struct pw_buf *b, size_t extra)
{
	if (extra >= ((size_t)-1) / 2 - b->len)
		pw_oom();
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->data = pw_xrealloc(b->data, cap);
	b->cap = cap;
}

void pw_buf_put(struct pw_buf *b, const void *p, size_t n)
{
	pw_buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void pw_buf_puts(struct pw_buf *b, const char *s)
{
	pw_buf_put(b, s, strlen(s));
}

void pw_buf_putc(struct pw_buf *b, char c)
{
	pw_buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void pw_buf_vprintf(struct pw_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	char probe[1];
	int n = vsnprintf(probe, sizeof probe, fmt, ap2);
	va_end(ap2);
	if (n <= 0)
		return;
	pw_buf_reserve(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void pw_buf_printf(struct pw_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pw_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *pw_buf_steal(struct pw_buf *b, size_t *len)
{
	char *p = b->data;
	if (len)
		*len = b->len;
	if (p == NULL)
		p = pw_xstrdup("");
	pw_buf_init(b);
	return p;
}
