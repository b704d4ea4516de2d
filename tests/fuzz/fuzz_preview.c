/* The preview's decode and re-encode (app/preview.c), called in-process as
 * the worker does: the first byte picks the type claimed (as the server
 * would have detected it), the rest is the file. Whatever comes out must be
 * a PNG or JPEG within the box; nothing may crash or leak. */
#include <stdint.h>
#include <string.h>

#include "app/preview.h"
#include "core/filetype.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const types[] = {"image/png", "image/jpeg", "image/gif", "image/webp", "image/heic", "application/pdf"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	const char *mime = types[data[0] % (sizeof types / sizeof types[0])];
	struct pw_buf out;
	struct pw_err err;
	const char *type;
	pw_buf_init(&out);
	if (pw_preview_render(data + 1, size - 1, mime, &out, &type, &err) == PW_OK) {
		const struct pw_filetype *t = pw_filetype_detect(out.data, out.len);
		if (t == NULL || strcmp(t->mime, type) != 0)
			__builtin_trap();
	} else if (out.len != 0) {
		__builtin_trap();
	}
	pw_buf_free(&out);
	return 0;
}
