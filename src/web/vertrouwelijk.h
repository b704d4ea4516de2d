/* The vertrouwenspersoon's confidential entries and the audit log page of a
 * case (web/vertrouwelijk.c). */
#ifndef PW_WEB_VERTROUWELIJK_H
#define PW_WEB_VERTROUWELIJK_H

#include <stdbool.h>

#include "app/casework.h"
#include "auth/auth.h"
#include "http/http.h"

/* A confidential form that came back: its message, and for a new entry what was typed. */
struct pw_confidential_fail {
	const char *msg, *typed;
	bool add; /* the new-entry form (else a consent) */
};

/* The case page's "Vertrouwelijk" section (nothing for those who neither
 * keep nor received entries) and, for those who read it, the audit log link. */
void pw_confidential_section(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc,
			     const struct pw_confidential_fail *fail);

void pw_h_vertrouwelijk_post(struct pw_req *r), pw_h_inzage(struct pw_req *r);

/* The case page (web/casus.c) with a confidential form's failure, status 400. */
void pw_casus_render_failed(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc,
			    const struct pw_confidential_fail *fail);

#endif
