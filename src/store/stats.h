/* The yearly evaluation's figures from the store: loads one school's signals
 * and cases of a school year (and of the years before it) in a handful of
 * queries per year, lets the engine digest each case (core/stats.h) and
 * counts them. Read-only; no transaction needed. */
#ifndef PW_STORE_STATS_H
#define PW_STORE_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/stats.h"
#include "store/store.h"
#include "util/arena.h"

/* The figures of `schoolyear` ("2025-2026") at the school, and of up to
 * PW_STATS_YEARS - 1 school years before it (most recent first), counted with
 * the keys of the definition in force at the school. Overdue steps are as of
 * today for a year that has not ended, else as of its last day. A year runs
 * from its start to the day before the next year's start (the last entered
 * year: to its end, or 31 July after it). PW_ENOTFOUND (with a message
 * naming the years there are) when the school has no such year. Everything is
 * allocated in a. */
enum pw_status pw_store_stats(struct pw_store *s, struct pw_arena *a, int64_t school_id, const char *schoolyear,
			      pw_day today, struct pw_stats_year *year, struct pw_stats_year **earlier,
			      size_t *n_earlier, struct pw_err *err);

#endif
