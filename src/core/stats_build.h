/* The builder the yearly figures are counted in (private to core/stats.c and
 * its unit test). Measures are named by their index, which stays valid while
 * the builder grows; a cell pointer is valid until the next cell of the same
 * measure is added. Everything lives in the builder's arena. */
#ifndef PW_CORE_STATS_BUILD_H
#define PW_CORE_STATS_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/stats.h"

/* A measure being built; cells grow by doubling in the arena. */
struct pw_stats_mb {
	struct pw_stats_measure m;
	size_t cap; /* room for cells */
};

struct pw_stats_builder {
	struct pw_arena *a;
	struct pw_stats_mb *v; /* the measures, in the order they were added */
	size_t n, cap;
};

/* Adds a measure named `name` (not copied); returns its index. */
size_t pw_stats_builder_measure(struct pw_stats_builder *b, const char *name, bool breakdown);
/* The cell `key` of measure mi, added at zero when it is not there yet. */
struct pw_stats_cell *pw_stats_builder_cell(struct pw_stats_builder *b, size_t mi, const char *key);
/* Adds a total (one cell, key "") with count; returns its index. */
size_t pw_stats_builder_total(struct pw_stats_builder *b, const char *name, int64_t count);

#endif
