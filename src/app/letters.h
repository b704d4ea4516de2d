/* Letters to parents (issue 7): a staff member fills a template from the
 * case, edits and reviews the text, and sends it by mail or prints it. Every
 * letter is kept as sent and recorded as a parent contact on the case.
 *
 * Who may get one is the school's records: a contact restriction refuses a
 * parent (the reason is the restriction's text), so does the lack of custody
 * (gezag) unless the records say the parent may be informed; from 18 the
 * student decides, so their consent must be given. */
#ifndef PW_APP_LETTERS_H
#define PW_APP_LETTERS_H

#include "app/casework.h"
#include "store/letters.h"

/* A template: key (API), title (Dutch), subject and text with placeholders
 * {ouder} {leerling} {school} {datum} {afspraken} {sanctie} {afzender}. */
struct pw_letter_template {
	const char *key, *title, *subject, *text;
};
extern const struct pw_letter_template pw_letter_templates[3];
const struct pw_letter_template *pw_letter_template(const char *key);

/* Replaces each {name} of text by the value of that name in vars (pairs of
 * name, value, n pairs); unknown placeholders stay as written. Pure. */
const char *pw_letter_fill(struct pw_arena *a, const char *text, const char *const *vars, size_t n);

/* Age in whole years on day `on` of someone born on birth ("YYYY-MM-DD");
 * -1 when birth is not a date. Pure. */
int pw_letter_age(const char *birth, pw_day on);

/* Whether a letter may go to a parent, as the records say. Pure. */
struct pw_letter_verdict {
	bool allowed;
	const char *reason; /* why not (Dutch); NULL when allowed */
	const char *note;   /* what the records add when allowed (the restriction's text), or NULL */
};
void pw_letter_judge(const struct pw_parent_link *p, struct pw_letter_verdict *v);
/* The age from which the student's consent is needed. */
#define PW_LETTER_CONSENT_AGE 18

/* The student's parents with the verdict for each; the student must be in
 * the case (PW_EINVAL "student"). *age: the student's age today (-1 unknown). */
struct pw_letter_recipient {
	struct pw_parent_link link;
	struct pw_letter_verdict v;
};
enum pw_status pw_letter_recipients(struct pw_store *s, struct pw_arena *a, struct pw_loaded_case *lc, int64_t student,
				    struct pw_letter_recipient **out, size_t *n, int *age, struct pw_err *err);

/* Fills template `key` for parent of student from the case: subject and text. */
enum pw_status pw_letter_preview(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
				 struct pw_loaded_case *lc, const char *key, int64_t student, int64_t parent,
				 const char **subject, const char **text, struct pw_err *err);

/* What the staff member sends. */
struct pw_letter_send {
	int64_t student, parent;
	const char *subject, *text, *channel; /* channel: mail, brief */
	bool consent;                         /* the student (18+) agreed */
};
/* Checks the letter against the records and the case, then in one
 * transaction: the parent contact event (channel), the letter, for mail the
 * outbox row, the audit rows. out: the letter as kept. */
enum pw_status pw_letter_send(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
			      struct pw_loaded_case *lc, const struct pw_letter_send *in, struct pw_letter *out,
			      struct pw_err *err);

/* A day in Dutch words: "3 maart 2026". */
const char *pw_letter_day(struct pw_arena *a, pw_day d);

#endif
