/* Reading rows in the store's files: arena copies of columns and the event
 * JSON every file that reads case events shares (store-private). */
#ifndef PW_STORE_ROWS_H
#define PW_STORE_ROWS_H

#include <jansson.h>

#include "core/calendar.h"
#include "core/casus.h"
#include "store/db.h"
#include "util/arena.h"

/* An arena copy of t, NULL for NULL (a NULL column). */
const char *pw_row_dup(struct pw_arena *a, const char *t);
/* The day of an ISO date, 0 for NULL or not a date. */
pw_day pw_row_day(const char *s);
/* Reads an event from the columns first..first+5 (id, at, day, by, kind,
 * data JSON) into *e. Returns the parsed data so the caller can read its own
 * fields from it (json_decref it after), or NULL when there is none. */
json_t *pw_row_event(struct pw_arena *a, struct pw_q *q, int first, struct pw_event *e);

#endif
