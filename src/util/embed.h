/* Files compiled into the binary (assets/, protocols/), by scripts/embed.c. */
#ifndef PW_UTIL_EMBED_H
#define PW_UTIL_EMBED_H

#include <stddef.h>

struct pw_embedded {
	const char *name;           /* base name, e.g. "app.css" */
	const unsigned char *data;  /* NUL-terminated for convenience; len excludes it */
	size_t len;
};

/* Terminated by an entry whose name is NULL. */
extern const struct pw_embedded pw_embedded_files[];

/* The embedded file of that base name, or NULL. */
const struct pw_embedded *pw_embedded_find(const char *name);

#endif
