/* The school's people in the store: schools, school years and holidays,
 * classes and mentors, students and their class per year, parents, staff
 * accounts with their functies. Strings in results live in the caller's
 * arena. Upserts report what they did in *changed (PW_SAME, PW_NEW,
 * PW_UPDATED), so imports can print a dry run and be idempotent. */
#ifndef PW_STORE_PEOPLE_H
#define PW_STORE_PEOPLE_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/arena.h"

enum pw_change { PW_SAME = 0, PW_NEW = 1, PW_UPDATED = 2 };

/* Several operations as one: all or nothing (imports, the demo). On this
 * thread's connection; operations called in between join it. */
enum pw_status pw_store_begin(struct pw_store *s, struct pw_err *err);
enum pw_status pw_store_commit(struct pw_store *s, struct pw_err *err);
void pw_store_rollback(struct pw_store *s);

struct pw_school {
	int64_t id;
	const char *code, *name, *region;
};

/* Adds a school (and the board, named after it, when there is none yet). */
enum pw_status pw_store_school_add(struct pw_store *s, const char *code, const char *name, const char *region,
				   int64_t *id, struct pw_err *err);
enum pw_status pw_store_school_get(struct pw_store *s, struct pw_arena *a, const char *code, struct pw_school *out,
				   struct pw_err *err);
enum pw_status pw_store_school_by_id(struct pw_store *s, struct pw_arena *a, int64_t id, struct pw_school *out,
				     struct pw_err *err);
enum pw_status pw_store_school_list(struct pw_store *s, struct pw_arena *a, struct pw_school **out, size_t *n,
				    struct pw_err *err);

struct pw_schoolyear {
	int64_t id, school_id;
	const char *name, *start_on, *end_on; /* '2025-2026', 'YYYY-MM-DD' */
};

struct pw_holiday {
	int64_t id;
	const char *name, *start_on, *end_on;
};

enum pw_status pw_store_schoolyear_add(struct pw_store *s, int64_t school_id, const char *name, const char *start_on,
				       const char *end_on, int64_t *id, struct pw_err *err);
enum pw_status pw_store_schoolyear_get(struct pw_store *s, struct pw_arena *a, int64_t school_id, const char *name,
				       struct pw_schoolyear *out, struct pw_err *err);
/* The school year of school_id that contains day (YYYY-MM-DD); else the latest
 * that started before it; PW_ENOTFOUND when none did. */
enum pw_status pw_store_schoolyear_at(struct pw_store *s, struct pw_arena *a, int64_t school_id, const char *day,
				      struct pw_schoolyear *out, struct pw_err *err);
enum pw_status pw_store_schoolyear_list(struct pw_store *s, struct pw_arena *a, int64_t school_id,
					struct pw_schoolyear **out, size_t *n, struct pw_err *err);
/* Replaces the holidays of a school year. */
enum pw_status pw_store_holidays_set(struct pw_store *s, int64_t schoolyear_id, const struct pw_holiday *h, size_t n,
				     struct pw_err *err);
enum pw_status pw_store_holiday_list(struct pw_store *s, struct pw_arena *a, int64_t schoolyear_id,
				     struct pw_holiday **out, size_t *n, struct pw_err *err);

struct pw_class {
	int64_t id, schoolyear_id;
	const char *name, *department;
	int year;
	int64_t mentor[2]; /* account ids; 0 when none */
	int students;      /* filled by pw_store_class_list */
};

enum pw_status pw_store_class_upsert(struct pw_store *s, int64_t schoolyear_id, const char *name, int year,
				     const char *department, int64_t *id, enum pw_change *changed, struct pw_err *err);
enum pw_status pw_store_class_get(struct pw_store *s, struct pw_arena *a, int64_t schoolyear_id, const char *name,
				  struct pw_class *out, struct pw_err *err);
enum pw_status pw_store_class_list(struct pw_store *s, struct pw_arena *a, int64_t schoolyear_id, struct pw_class **out,
				   size_t *n, struct pw_err *err);
/* Sets the mentors (m2 may be 0). */
enum pw_status pw_store_class_set_mentors(struct pw_store *s, int64_t class_id, int64_t m1, int64_t m2,
					  enum pw_change *changed, struct pw_err *err);

struct pw_student {
	int64_t id;
	const char *external_id, *first_name, *prefix, *last_name, *birth_date;
	/* Filled by the queries that know the year: */
	int64_t class_id;
	const char *class_name;
	int year;
	const char *department;
	int64_t school_id;
	int64_t mentor[2]; /* the class's mentors' account ids; 0 when none */
};

/* Full display name: "Jan van der Berg". */
const char *pw_student_name(struct pw_arena *a, const struct pw_student *st);

enum pw_status pw_store_student_upsert(struct pw_store *s, const struct pw_student *in, int64_t *id,
				       enum pw_change *changed, struct pw_err *err);
enum pw_status pw_store_student_by_external(struct pw_store *s, const char *external_id, int64_t *id,
					    struct pw_err *err);
/* Puts a student in a class for that class's school year. */
enum pw_status pw_store_enroll(struct pw_store *s, int64_t student_id, int64_t class_id, enum pw_change *changed,
			       struct pw_err *err);

/* Students in the school year that contains day, of the user's schools, whose
 * name contains q (any case; NULL for all) and, if class_name is not NULL, in
 * that class. Sorted by class, then last name. */
struct pw_student_query {
	int64_t user_id; /* only the schools where this account has a functie; 0 for all */
	const char *day;
	const char *q;
	const char *class_name;
	int limit, offset;
};
enum pw_status pw_store_student_search(struct pw_store *s, struct pw_arena *a, const struct pw_student_query *q,
				       struct pw_student **out, size_t *n, int64_t *total, struct pw_err *err);
/* A student with their class in the school year that contains day (class_id 0 if none). */
enum pw_status pw_store_student_get(struct pw_store *s, struct pw_arena *a, int64_t id, const char *day,
				    struct pw_student *out, struct pw_err *err);

struct pw_parent {
	int64_t id;
	const char *external_id, *name, *email, *phone;
};

enum pw_status pw_store_parent_upsert(struct pw_store *s, const struct pw_parent *in, int64_t *id,
				      enum pw_change *changed, struct pw_err *err);
enum pw_status pw_store_parent_by_external(struct pw_store *s, const char *external_id, int64_t *id,
					   struct pw_err *err);
enum pw_status pw_store_parent_link(struct pw_store *s, int64_t student_id, int64_t parent_id, const char *relation,
				    int custody, const char *restriction, enum pw_change *changed, struct pw_err *err);

/* ---- staff accounts ---- */

struct pw_user {
	int64_t id;
	const char *login, *name, *email, *external_id, *password_hash, *lang;
	int64_t parent_id;
	int disabled;
};

struct pw_user_functie {
	int64_t school_id;
	const char *functie;    /* a functie key of the protocol: mentor, clz, ... */
	const char *department; /* "" when the functie is school-wide */
};

enum pw_status pw_store_user_add(struct pw_store *s, const struct pw_user *in, int64_t *id, struct pw_err *err);
/* Updates name, email, external_id of an existing account (staff import). */
enum pw_status pw_store_user_update(struct pw_store *s, const struct pw_user *in, enum pw_change *changed,
				    struct pw_err *err);
enum pw_status pw_store_user_get(struct pw_store *s, struct pw_arena *a, int64_t id, struct pw_user *out,
				 struct pw_err *err);
enum pw_status pw_store_user_by_login(struct pw_store *s, struct pw_arena *a, const char *login, struct pw_user *out,
				      struct pw_err *err);
enum pw_status pw_store_user_by_external(struct pw_store *s, struct pw_arena *a, const char *external_id,
					 struct pw_user *out, struct pw_err *err);
enum pw_status pw_store_user_list(struct pw_store *s, struct pw_arena *a, struct pw_user **out, size_t *n,
				  struct pw_err *err);
enum pw_status pw_store_user_set_password(struct pw_store *s, int64_t id, const char *hash, struct pw_err *err);
enum pw_status pw_store_user_set_lang(struct pw_store *s, int64_t id, const char *lang, struct pw_err *err);
enum pw_status pw_store_user_set_parent(struct pw_store *s, int64_t id, int64_t parent_id, struct pw_err *err);
/* Disables (or enables) an account; disabling ends all its sessions and tokens. */
enum pw_status pw_store_user_disable(struct pw_store *s, int64_t id, int disabled, struct pw_err *err);
enum pw_status pw_store_user_functie_add(struct pw_store *s, int64_t user_id, const struct pw_user_functie *f,
					 enum pw_change *changed, struct pw_err *err);
enum pw_status pw_store_user_functie_clear(struct pw_store *s, int64_t user_id, struct pw_err *err);
enum pw_status pw_store_user_functies(struct pw_store *s, struct pw_arena *a, int64_t user_id, struct pw_user_functie **out,
				      size_t *n, struct pw_err *err);
/* Classes the user mentors in the school year containing day. */
enum pw_status pw_store_user_classes(struct pw_store *s, struct pw_arena *a, int64_t user_id, const char *day,
				     struct pw_class **out, size_t *n, struct pw_err *err);

#endif
