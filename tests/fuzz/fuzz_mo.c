/* The .mo catalogue reader (util/i18n.c) and the Accept-Language header. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly size bytes, so reading past the end is caught. */
	unsigned char *copy = malloc(size ? size : 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	struct pw_mo mo;
	struct pw_err err;
	if (pw_mo_open(&mo, copy, size, &err) == PW_OK) {
		static const char *const probe[] = {"", "Terug", "Gezien", "Welkom, %s.", "zz"};
		for (size_t i = 0; i < sizeof probe / sizeof probe[0]; i++) {
			const char *s = pw_mo_find(&mo, probe[i]);
			if (s && strlen(s) >= size)
				__builtin_trap();
		}
	}
	free(copy);
	/* The same bytes as a header value. */
	char *h = malloc(size + 1);
	if (h == NULL)
		return 0;
	memcpy(h, data, size);
	h[size] = '\0';
	const char *l = pw_lang_accept(h);
	if (l && strcmp(l, "en") != 0 && strcmp(l, "nl") != 0)
		__builtin_trap();
	free(h);
	return 0;
}
