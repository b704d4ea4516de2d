/* JSON request bodies. */
#include <stdint.h>

#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pw_err e;
	json_t *j = pw_json_parse_body((const char *)data, size, &e);
	if (j) {
		if (!json_is_object(j))
			__builtin_trap();
		json_decref(j);
	}
	return 0;
}
