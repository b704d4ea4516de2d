/* Referrals as an operation, shared by the API (api/referrals.c) and the
 * case page (web/casus.c): typed input in, the protocol's referral targets,
 * the access function, and one transaction with its notice and audit out. */
#ifndef PW_APP_REFERRALFORMS_H
#define PW_APP_REFERRALFORMS_H

#include "app/casework.h"

struct pw_rf_referral {
	const char *to;   /* the protocol's referral key */
	int64_t student;  /* a student of the case (0: none given) */
	int64_t user;     /* the colleague referred to (0: the school's holder of the role) */
	const char *note; /* NULL for none */
};

/* Refers a student of the case. PW_EINVAL names the field ("to", "student",
 * "user"); PW_EPROTOCOL when the case is closed or the school has no one in
 * the role. *id gets the referral's event id, *user the colleague who got
 * access (0 for advice only). */
enum pw_status pw_rf_refer(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor, struct pw_loaded_case *lc,
			   const struct pw_rf_referral *in, int64_t *id, int64_t *user, struct pw_err *err);

#endif
