#include "util/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pw_arena_block {
	struct pw_arena_block *next;
	size_t size;
	size_t used;
	max_align_t data[];
};

#define ARENA_FIRST 8192
#define ALIGN (_Alignof(max_align_t))

void pw_arena_init(struct pw_arena *a)
{
	a->head = NULL;
	a->block_size = ARENA_FIRST;
}

void pw_arena_free(struct pw_arena *a)
{
	struct pw_arena_block *b = a->head;
	while (b) {
		struct pw_arena_block *n = b->next;
		free(b);
		b = n;
	}
	pw_arena_init(a);
}

void pw_arena_reset(struct pw_arena *a)
{
	struct pw_arena_block *b = a->head;
	if (b == NULL)
		return;
	/* Keep the oldest block (the last in the list): it is the usual size. */
	while (b->next) {
		struct pw_arena_block *n = b->next;
		free(b);
		b = n;
	}
	b->used = 0;
	a->head = b;
	a->block_size = ARENA_FIRST;
}

void *pw_alloc(struct pw_arena *a, size_t n)
{
	struct pw_arena_block *b = a->head;
	size_t need = (n + ALIGN - 1) & ~(ALIGN - 1);
	if (need < n)
		pw_oom();
	if (b == NULL || b->size - b->used < need) {
		size_t sz = a->block_size;
		if (sz < need)
			sz = need;
		if (sz > SIZE_MAX - sizeof *b)
			pw_oom();
		b = pw_xmalloc(sizeof *b + sz);
		b->size = sz;
		b->used = 0;
		b->next = a->head;
		a->head = b;
		if (a->block_size < (1u << 20))
			a->block_size *= 2;
	}
	void *p = (char *)b->data + b->used;
	b->used += need;
	return p;
}

void *pw_calloc(struct pw_arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		pw_oom();
	void *p = pw_alloc(a, n * size);
	memset(p, 0, n * size);
	return p;
}

void *pw_arena_grow(struct pw_arena *a, void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	size_t nc = *cap ? *cap * 2 : 16;
	void *w = pw_calloc(a, nc, size);
	if (n)
		memcpy(w, v, n * size);
	*cap = nc;
	return w;
}

char *pw_strndup(struct pw_arena *a, const char *s, size_t n)
{
	char *p = pw_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *pw_strdup(struct pw_arena *a, const char *s)
{
	return pw_strndup(a, s, strlen(s));
}

char *pw_vprintf(struct pw_arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	char probe[1];
	int n = vsnprintf(probe, sizeof probe, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *p = pw_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *pw_printf(struct pw_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = pw_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}
