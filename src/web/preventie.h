/* Prevention in the pages (web/preventie.c): the class's activities on the
 * Klas page with the mentor's form to record one, the overview for those
 * who read the figures, and staff confirming the protocol version. */
#ifndef PW_WEB_PREVENTIE_H
#define PW_WEB_PREVENTIE_H

#include <stddef.h>

#include "auth/auth.h"
#include "http/http.h"
#include "protocol/protocol.h"
#include "store/people.h"

/* A recording form that came back: which activity, the field and message,
 * and what was typed (kept). */
struct pw_prev_fail {
	const char *key, *field, *msg;
	const struct pw_fields *typed;
};

/* The "Preventie" section of the Klas page for class `name` (nothing for
 * those who may not read it); students: the class, for the signatures. */
void pw_prevention_section(struct pw_req *r, const struct pw_actor *a, const struct pw_protocol *p, const char *name,
			   const struct pw_student *students, size_t n_students, const struct pw_prev_fail *fail);

/* The Klas page (web/klas.c), to show a form that came back. */
void pw_klas_render(struct pw_req *r, const struct pw_actor *a, const char *name, const struct pw_prev_fail *fail,
		    int status);

/* Whether the user still has to confirm the version in force at their
 * school; *versie: its name. For Mijn taken's reminder. */
bool pw_prevention_unconfirmed(struct pw_req *r, const struct pw_actor *a, const char **versie);

/* Mijn taken's reminder to confirm the protocol version, until confirmed. */
void pw_prevention_confirm_box(struct pw_req *r, const struct pw_actor *a);

void pw_h_klas_preventie_post(struct pw_req *r), pw_h_preventie(struct pw_req *r), pw_h_protocol_confirm_post(struct pw_req *r);

#endif
