#include "web/html.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

void pw_html_textn(struct pw_buf *b, const char *s, size_t n)
{
	size_t start = 0;
	pw_buf_reserve(b, n);
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		pw_buf_put(b, s + start, i - start);
		pw_buf_puts(b, rep);
		start = i + 1;
	}
	pw_buf_put(b, s + start, n - start);
}

void pw_html_text(struct pw_buf *b, const char *s)
{
	if (s)
		pw_html_textn(b, s, strlen(s));
}

void pw_html_raw(struct pw_buf *b, const char *markup)
{
	pw_buf_puts(b, markup);
}

void pw_html_printf(struct pw_buf *b, const char *fmt, ...)
{
	va_list ap;
	char num[64];
	const char *p = fmt;
	va_start(ap, fmt);
	while (*p) {
		const char *pct = strchr(p, '%');
		if (pct == NULL) {
			pw_buf_puts(b, p);
			break;
		}
		pw_buf_put(b, p, (size_t)(pct - p));
		p = pct + 1;
		int longs = 0, size = 0;
		while (*p == 'l') {
			longs++;
			p++;
		}
		if (*p == 'z') {
			size = 1;
			p++;
		}
		switch (*p) {
		case 's': pw_html_text(b, va_arg(ap, const char *)); break;
		case 'c': {
			char c = (char)va_arg(ap, int);
			pw_html_textn(b, &c, 1);
			break;
		}
		case 'd':
		case 'i':
			if (size)
				snprintf(num, sizeof num, "%zd", va_arg(ap, ssize_t));
			else if (longs == 2)
				snprintf(num, sizeof num, "%lld", va_arg(ap, long long));
			else if (longs == 1)
				snprintf(num, sizeof num, "%ld", va_arg(ap, long));
			else
				snprintf(num, sizeof num, "%d", va_arg(ap, int));
			pw_buf_puts(b, num);
			break;
		case 'u':
		case 'x':
			if (size)
				snprintf(num, sizeof num, *p == 'u' ? "%zu" : "%zx", va_arg(ap, size_t));
			else if (longs == 2)
				snprintf(num, sizeof num, *p == 'u' ? "%llu" : "%llx", va_arg(ap, unsigned long long));
			else if (longs == 1)
				snprintf(num, sizeof num, *p == 'u' ? "%lu" : "%lx", va_arg(ap, unsigned long));
			else
				snprintf(num, sizeof num, *p == 'u' ? "%u" : "%x", va_arg(ap, unsigned));
			pw_buf_puts(b, num);
			break;
		case '%': pw_buf_putc(b, '%'); break;
		default:
			/* An unsupported conversion is a programming error; fail loudly in tests. */
			fprintf(stderr, "pw_html_printf: unsupported conversion in \"%s\"\n", fmt);
			va_end(ap);
			return;
		}
		p++;
	}
	va_end(ap);
}
