/* What kind of file an upload is, judged by its content (magic bytes), never
 * by its name or the type the browser claims: a renamed text file is still
 * text. Only the kinds evidence may be are recognised. Pure functions over a
 * buffer (fuzzed in tests/fuzz/fuzz_upload.c). */
#ifndef PW_CORE_FILETYPE_H
#define PW_CORE_FILETYPE_H

#include <stddef.h>

struct pw_filetype {
	const char *mime; /* "image/png": the Content-Type we serve it with */
	const char *ext;  /* "png": for the download's file name */
	const char *name; /* "PNG": for people */
};

/* The accepted type of the n bytes at data, or NULL when they are none of
 * them (also for n == 0). */
const struct pw_filetype *pw_filetype_detect(const void *data, size_t n);

/* The accepted types by name, for a refusal: "PNG, JPEG, GIF, WebP, HEIC, PDF". */
const char *pw_filetype_accepted(void);

/* The accepted type with this mime type, or NULL (for stored rows). */
const struct pw_filetype *pw_filetype_by_mime(const char *mime);

#endif
