/* Letters to parents in the store: a student's parents as the school's
 * records have them (custody, contact restriction), and the letters sent.
 * Strings in results live in the caller's arena. */
#ifndef PW_STORE_LETTERS_H
#define PW_STORE_LETTERS_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/arena.h"

/* A parent of a student, with the link's custody and restriction. */
struct pw_parent_link {
	int64_t id;
	const char *name, *email, *relation; /* email "" when none */
	int custody;                         /* gezag */
	const char *restriction;             /* "" when none */
};

enum pw_status pw_store_student_parents(struct pw_store *s, struct pw_arena *a, int64_t student_id,
					struct pw_parent_link **out, size_t *n, struct pw_err *err);

struct pw_letter {
	int64_t id, case_id, student_id, parent_id;
	const char *subject, *text, *channel; /* channel: mail, brief */
	int64_t by, at, outbox_id;            /* outbox_id 0 for a printed letter */
	const char *parent_name, *by_name;
};

/* Keeps a letter; for channel "mail" also queues it in the outbox to
 * recipient (subject and text as given, nothing else). Joins the caller's
 * transaction (pw_store_begin), so the letter, its mail and the parent
 * contact on the case commit together. */
enum pw_status pw_store_letter_add(struct pw_store *s, struct pw_letter *l, const char *recipient, struct pw_err *err);
/* PW_ENOTFOUND when case_id has no letter id. */
enum pw_status pw_store_letter_get(struct pw_store *s, struct pw_arena *a, int64_t case_id, int64_t id,
				   struct pw_letter *out, struct pw_err *err);
enum pw_status pw_store_letter_list(struct pw_store *s, struct pw_arena *a, int64_t case_id, struct pw_letter **out,
				    size_t *n, struct pw_err *err);

#endif
