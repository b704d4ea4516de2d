/* The vertrouwenspersoon's confidential entries as operations, shared by the
 * API (api/referrals.c) and the case page (web/vertrouwelijk.c). What a
 * student tells the vertrouwenspersoon stays with them (PROTOCOL.md section
 * 6) unless the student agrees that named colleagues may read it. */
#ifndef PW_APP_CONFIDENTIAL_H
#define PW_APP_CONFIDENTIAL_H

#include "app/casework.h"
#include "store/extra.h"

/* The longest entry: a conversation written out, not a book. */
#define PW_CONF_TEXT_MAX 20000

/* Adds an entry by the actor (a functie with `vertrouwelijk`, else
 * PW_EFORBID) about student (0: none; else a student of the case, else
 * PW_EINVAL "student"). text: 1..PW_CONF_TEXT_MAX bytes of text (PW_EINVAL
 * "text"). One transaction with its audit row. */
enum pw_status pw_conf_add(struct pw_store *s, const struct pw_actor *actor, struct pw_loaded_case *lc, int64_t student,
			   const char *text, int64_t *id, struct pw_err *err);

/* Records the student's consent to share entry eid (the actor's own, on this
 * case, else PW_ENOTFOUND) with users[0..n) (1..20 colleagues of the case's
 * school, else PW_EINVAL "shared_with"). One transaction with its audit row. */
enum pw_status pw_conf_consent(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
			       struct pw_loaded_case *lc, int64_t eid, const int64_t *users, size_t n, struct pw_err *err);

#endif
