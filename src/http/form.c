/* application/x-www-form-urlencoded, written by hand: libmicrohttpd's
 * PostProcessor needs a live connection (so it cannot be fuzzed alone) and
 * our bodies are capped and already in memory. */
#include <string.h>

#include "http/http.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..n) into a new arena string; NULL on a bad escape. */
static char *decode(struct pw_arena *a, const char *s, size_t n, size_t *outlen)
{
	char *o = pw_alloc(a, n + 1);
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			o[j++] = ' ';
		} else if (s[i] == '%') {
			if (i + 2 >= n)
				return NULL;
			int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
			if (h < 0 || l < 0)
				return NULL;
			o[j++] = (char)(h * 16 + l);
			i += 2;
		} else {
			o[j++] = s[i];
		}
	}
	o[j] = '\0';
	*outlen = j;
	return o;
}

enum pw_status pw_form_parse(struct pw_arena *a, const char *s, size_t n, size_t max_fields, struct pw_fields *out,
			     struct pw_err *err)
{
	out->v = NULL;
	out->n = 0;
	if (n == 0)
		return PW_OK;
	size_t count = 1;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '&')
			count++;
	if (count > max_fields)
		return pw_err_set(err, PW_ETOOBIG, "the form has more than %zu fields", max_fields);
	out->v = pw_calloc(a, count, sizeof *out->v);
	size_t start = 0;
	while (start <= n) {
		const char *amp = memchr(s + start, '&', n - start);
		size_t end = amp ? (size_t)(amp - s) : n;
		if (end > start) {
			const char *eq = memchr(s + start, '=', end - start);
			size_t klen = eq ? (size_t)(eq - (s + start)) : end - start;
			size_t nl, vl;
			char *name = decode(a, s + start, klen, &nl);
			char *val = eq ? decode(a, eq + 1, end - (size_t)(eq + 1 - s), &vl) : (vl = 0, pw_strdup(a, ""));
			if (name == NULL || val == NULL)
				return pw_err_set(err, PW_EINVAL, "the form data has a broken %%-escape; send it again");
			if (!pw_utf8_valid_text(name, nl) || !pw_utf8_valid_text(val, vl))
				return pw_err_field(err, PW_EINVAL, name && pw_utf8_valid_text(name, nl) ? name : "",
						    "the text is not valid UTF-8 or holds control characters");
			if (nl == 0)
				return pw_err_set(err, PW_EINVAL, "the form has a field without a name");
			struct pw_field *f = &out->v[out->n++];
			f->name = name;
			f->value = val;
			f->len = vl;
		}
		if (amp == NULL)
			break;
		start = end + 1;
	}
	return PW_OK;
}

const struct pw_field *pw_fields_find(const struct pw_fields *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0)
			return &f->v[i];
	return NULL;
}

const char *pw_fields_get(const struct pw_fields *f, const char *name)
{
	const struct pw_field *x = pw_fields_find(f, name);
	return x ? x->value : NULL;
}
