/* A bump allocator: memory scoped to one request (or one command), freed all
 * at once. Allocation never fails; out of memory aborts (pw_oom). */
#ifndef PW_UTIL_ARENA_H
#define PW_UTIL_ARENA_H

#include <stdarg.h>
#include <stddef.h>

#include "util/err.h"

struct pw_arena_block;

struct pw_arena {
	struct pw_arena_block *head; /* newest block first; owned */
	size_t block_size;           /* size of the next ordinary block */
};

/* Prepares an empty arena; nothing is allocated until the first use. */
void pw_arena_init(struct pw_arena *a);
/* Frees every block; the arena can be used again after. */
void pw_arena_free(struct pw_arena *a);
/* Frees all but the first block and rewinds it, for reuse across requests. */
void pw_arena_reset(struct pw_arena *a);
/* n bytes aligned for any type, uninitialised. */
void *pw_alloc(struct pw_arena *a, size_t n);
/* n zeroed elements of size bytes each (overflow-checked). */
void *pw_calloc(struct pw_arena *a, size_t n, size_t size);
/* An array of n elements (capacity *cap) with room for one more: v itself,
 * or a copy twice the size (the old block stays in the arena until reset). */
void *pw_arena_grow(struct pw_arena *a, void *v, size_t n, size_t *cap, size_t size);
char *pw_strdup(struct pw_arena *a, const char *s);
char *pw_strndup(struct pw_arena *a, const char *s, size_t n);
char *pw_printf(struct pw_arena *a, const char *fmt, ...) PW_PRINTF(2, 3);
char *pw_vprintf(struct pw_arena *a, const char *fmt, va_list ap);

#endif
