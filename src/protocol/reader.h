/* Typed access to the fields of a YAML tree, each failure a message in plain
 * words with the file and line. Private to the protocol module.
 *
 * The first error wins: once r->failed is set every call is a no-op that
 * returns "absent", so section readers can read on without checking each
 * call, and the caller checks r->failed at the end. */
#ifndef PW_PROTOCOL_READER_H
#define PW_PROTOCOL_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "protocol/ytree.h"
#include "util/arena.h"
#include "util/err.h"

/* Limits on what a file may hold, far above any real protocol; they bound
 * the checks (duplicates, cycles) on a hostile file. */
#define RD_MAX_ENTRIES 300 /* entries in one list section */
#define RD_MAX_LIST 100    /* values in one list of keys */

struct reader {
	struct pw_arena *a; /* where strings are copied (the protocol's arena) */
	const char *name;   /* file name for messages */
	struct pw_err *err;
	bool failed;
};

/* Records an error at `line` (first one only). Always returns false. */
bool rd_fail(struct reader *r, int line, const char *fmt, ...) PW_PRINTF(3, 4);

/* Fails on any field of mapping m not in `allowed` (NULL-terminated), naming
 * `what` ("step 'mentor.gesprek_gepeste'") and the fields it knows. */
bool rd_fields(struct reader *r, const struct ynode *m, const char *what, const char *const *allowed);

/* The node of field `name`, or NULL when absent or null. Fails when it is
 * required and absent, or not of type t. */
struct ynode *rd_node(struct reader *r, const struct ynode *m, const char *name, enum ynode_type t, bool required,
		      const char *what);
/* A text field, copied to the arena with trailing blanks removed; NULL when absent. */
const char *rd_str(struct reader *r, const struct ynode *m, const char *name, bool required, const char *what);
/* A whole number in [min, max]; `def` when absent. */
int rd_int(struct reader *r, const struct ynode *m, const char *name, bool required, int def, int min, int max,
	   const char *what);
/* true/false; `def` when absent. */
bool rd_bool(struct reader *r, const struct ynode *m, const char *name, bool def, const char *what);
/* One of `names` (NULL-terminated); returns its index, `def` when absent. */
int rd_enum(struct reader *r, const struct ynode *m, const char *name, const char *const *names, bool required,
	    int def, const char *what);
/* The value of scalar node n as one of `names`; -1 after failing. */
int rd_enum_node(struct reader *r, const struct ynode *n, const char *name, const char *const *names,
		 const char *what);

/* A key: lowercase ASCII letters, digits and '_', starting with a letter,
 * at most 64 characters; `dotted` allows (and requires) one '.' between two
 * such words. Returns the arena copy, or NULL after failing. */
const char *rd_key(struct reader *r, const struct ynode *m, const char *what_kind, size_t index, bool dotted);

/* Whether s is a well-formed key (see rd_key). */
bool rd_is_key(const char *s, bool dotted);

/* A list of scalars (a single scalar counts as a list of one). Sets *n and
 * returns the scalar nodes (arena array); NULL with *n = 0 when absent. */
struct ynode **rd_list(struct reader *r, const struct ynode *m, const char *name, bool required, size_t *n,
		       const char *what);

/* Copies a string into the arena without trailing blanks and newlines. */
const char *rd_copy(struct reader *r, const char *s);

#endif
