/* Opening a case from suspicions (signals whose reporter saw no systematic
 * bullying) as one operation: the API's POST /api/v1/signals/{id}/case and
 * the mentor's button on Mijn taken both come here. */
#ifndef PW_APP_OPENCASE_H
#define PW_APP_OPENCASE_H

#include "app/casework.h"

/* Files a systematic signal with everyone of the suspicions ids[0..n) (each
 * once) and attaches them to the resulting case, for the actor at school
 * (protocol p, today "YYYY-MM-DD"). j: the signal's further fields as the
 * API takes them (forms, flags, description; borrowed and completed here).
 * PW_ENOTFOUND when a suspicion is unknown, already in a case, or about
 * students the actor may not read. */
enum pw_status pw_case_from_suspicions(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
				       int64_t school, const struct pw_protocol *p, const char *today, const int64_t *ids,
				       size_t n, json_t *j, struct pw_filed *out, struct pw_err *err);

#endif
