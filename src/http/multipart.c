/* multipart/form-data (RFC 7578) over a body already in memory. Written by
 * hand for the same reason as form.c: fuzzable without a connection. */
#include <string.h>
#include <strings.h>

#include "http/http.h"

/* Finds parameter name (case-insensitive) in a header value like
 * `form-data; name="file"; filename="a.png"`; returns an arena copy or NULL. */
static char *header_param(struct pw_arena *a, const char *v, size_t n, const char *name)
{
	size_t nl = strlen(name);
	size_t i = 0;
	while (i < n) {
		const char *semi = memchr(v + i, ';', n - i);
		if (semi == NULL)
			break;
		i = (size_t)(semi - v) + 1;
		while (i < n && (v[i] == ' ' || v[i] == '\t'))
			i++;
		if (n - i > nl && strncasecmp(v + i, name, nl) == 0 && v[i + nl] == '=') {
			i += nl + 1;
			if (i < n && v[i] == '"') {
				i++;
				const char *q = memchr(v + i, '"', n - i);
				if (q == NULL)
					return NULL;
				return pw_strndup(a, v + i, (size_t)(q - (v + i)));
			}
			size_t j = i;
			while (j < n && v[j] != ';' && v[j] != ' ' && v[j] != '\t')
				j++;
			return pw_strndup(a, v + i, j - i);
		}
	}
	return NULL;
}

enum pw_status pw_multipart_parse(struct pw_arena *a, const char *content_type, const char *s, size_t n,
				  size_t max_parts, struct pw_fields *out, struct pw_err *err)
{
	out->v = NULL;
	out->n = 0;
	if (content_type == NULL || strncasecmp(content_type, "multipart/form-data", 19) != 0)
		return pw_err_set(err, PW_EINVAL, "expected multipart/form-data");
	char *boundary = header_param(a, content_type, strlen(content_type), "boundary");
	size_t bl = boundary ? strlen(boundary) : 0;
	if (bl == 0 || bl > 70)
		return pw_err_set(err, PW_EINVAL, "the multipart body has no usable boundary");
	char *delim = pw_printf(a, "\r\n--%s", boundary);
	size_t dl = bl + 4;

	/* The first boundary may start the body without the leading CRLF. */
	size_t pos;
	if (n >= dl - 2 && memcmp(s, delim + 2, dl - 2) == 0) {
		pos = dl - 2;
	} else {
		const char *first = memmem(s, n, delim, dl);
		if (first == NULL)
			return pw_err_set(err, PW_EINVAL, "the multipart body has no boundary line");
		pos = (size_t)(first - s) + dl;
	}
	out->v = pw_calloc(a, max_parts, sizeof *out->v);
	for (;;) {
		if (n - pos >= 2 && memcmp(s + pos, "--", 2) == 0)
			return PW_OK; /* closing boundary */
		if (n - pos < 2 || memcmp(s + pos, "\r\n", 2) != 0)
			return pw_err_set(err, PW_EINVAL, "the multipart body is malformed after a boundary");
		pos += 2;
		const char *hend = memmem(s + pos, n - pos, "\r\n\r\n", 4);
		if (hend == NULL)
			return pw_err_set(err, PW_EINVAL, "a multipart part has no end to its headers");
		size_t hstart = pos, hlen = (size_t)(hend - (s + pos));
		pos = hlen + hstart + 4;
		const char *next = memmem(s + pos, n - pos, delim, dl);
		if (next == NULL)
			return pw_err_set(err, PW_EINVAL, "the multipart body ends before its closing boundary");
		if (out->n == max_parts)
			return pw_err_set(err, PW_ETOOBIG, "the form has more than %zu parts", max_parts);
		struct pw_field *f = &out->v[out->n];
		/* Headers: one per line; we need Content-Disposition and Content-Type. */
		size_t li = hstart;
		while (li < hstart + hlen) {
			const char *eol = memmem(s + li, hstart + hlen - li, "\r\n", 2);
			size_t le = eol ? (size_t)(eol - s) : hstart + hlen;
			const char *line = s + li;
			size_t ll = le - li;
			if (ll > 20 && strncasecmp(line, "content-disposition:", 20) == 0) {
				f->name = header_param(a, line, ll, "name");
				f->filename = header_param(a, line, ll, "filename");
			} else if (ll > 13 && strncasecmp(line, "content-type:", 13) == 0) {
				size_t k = 13;
				while (k < ll && line[k] == ' ')
					k++;
				f->content_type = pw_strndup(a, line + k, ll - k);
			}
			li = le + 2;
		}
		if (f->name == NULL || f->name[0] == '\0')
			return pw_err_set(err, PW_EINVAL, "a multipart part has no field name");
		size_t vl = (size_t)(next - (s + pos));
		f->value = pw_strndup(a, s + pos, vl);
		f->len = vl;
		if (f->filename == NULL && !pw_utf8_valid_text(f->value, vl))
			return pw_err_field(err, PW_EINVAL, f->name, "the text is not valid UTF-8 or holds control characters");
		out->n++;
		pos = (size_t)(next - s) + dl;
	}
}
