/* multipart/form-data bodies; the first line of the input is the Content-Type. */
#include <stdint.h>
#include <string.h>

#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
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
	if (pw_multipart_parse(&a, ct, s + off, size - off, 16, &f, &e) == PW_OK) {
		for (size_t i = 0; i < f.n; i++)
			if (f.v[i].len > size || f.v[i].name == NULL)
				__builtin_trap();
	}
	pw_arena_free(&a);
	return 0;
}
