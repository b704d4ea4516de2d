/* An evidence upload as the server sees it: the first line of the input is
 * the Content-Type, the rest the multipart body; every part goes through the
 * type detection (core/filetype.c), and so does the whole input. */
#include <stdint.h>
#include <string.h>

#include "core/filetype.h"
#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const void *p, size_t n)
{
	const struct pw_filetype *t = pw_filetype_detect(p, n);
	/* A detected type is one of the accepted ones, found again by its mime type. */
	if (t && (n == 0 || pw_filetype_by_mime(t->mime) != t || strstr(pw_filetype_accepted(), t->name) == NULL))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check(data, size);
	const char *s = (const char *)data;
	const char *nl = memchr(s, '\n', size);
	if (nl == NULL)
		return 0;
	struct pw_arena a;
	struct pw_fields f;
	struct pw_err e;
	pw_arena_init(&a);
	char *ct = pw_strndup(&a, s, (size_t)(nl - s));
	size_t off = (size_t)(nl - s) + 1;
	if (pw_multipart_parse(&a, ct, s + off, size - off, 8, &f, &e) == PW_OK) {
		for (size_t i = 0; i < f.n; i++) {
			if (f.v[i].len > size || f.v[i].name == NULL)
				__builtin_trap();
			check(f.v[i].value, f.v[i].len);
		}
	}
	pw_arena_free(&a);
	return 0;
}
