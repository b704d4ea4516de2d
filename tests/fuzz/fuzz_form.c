/* application/x-www-form-urlencoded bodies and query strings. */
#include <stdint.h>
#include <string.h>

#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pw_arena a;
	struct pw_fields f;
	struct pw_err e;
	pw_arena_init(&a);
	if (pw_form_parse(&a, (const char *)data, size, 64, &f, &e) == PW_OK) {
		for (size_t i = 0; i < f.n; i++) {
			/* Every accepted value is clean text of the length reported. */
			if (strlen(f.v[i].value) != f.v[i].len || !pw_utf8_valid_text(f.v[i].value, f.v[i].len))
				__builtin_trap();
			(void)pw_fields_get(&f, f.v[i].name);
		}
	}
	pw_arena_free(&a);
	return 0;
}
