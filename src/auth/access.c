/* The one access function: every decision about who may do what goes
 * through pw_access, for pages, API and exports alike (PROTOCOL.md section 6).
 * Later issues add the case actions here, not in handlers. */
#include <string.h>

#include "auth/auth.h"

enum pw_status pw_access(const struct pw_actor *a, enum pw_action act, int64_t school_id, struct pw_err *err)
{
	switch (act) {
	case PW_ACT_ADMIN:
		if (pw_actor_has(a, "beheerder", school_id))
			return PW_OK;
		return pw_err_set(err, PW_EFORBID,
				  "Alleen een beheerder mag dit (accounts, klassen, schooljaren en imports beheren).");
	case PW_ACT_STUDENT_FIND:
	case PW_ACT_SIGNAL_FILE:
		/* Every staff member may find any student of their school(s) to file a
		 * signal; a beheerder by that role alone is not a staff member in a case. */
		for (size_t i = 0; i < a->nfuncties; i++)
			if ((school_id <= 0 || a->functies[i].school_id == school_id) &&
			    strcmp(a->functies[i].functie, "beheerder") != 0)
				return PW_OK;
		return pw_err_set(err, PW_EFORBID,
				  "Alleen medewerkers van de school (docent, mentor, CLZ, ...) mogen leerlingen zoeken en melden.");
	}
	return pw_err_set(err, PW_EFORBID, "not allowed");
}
