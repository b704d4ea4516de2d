/* Adding evidence to a case: one path for the API (multipart) and the case
 * page's form, so a page can store nothing the API would refuse. It checks
 * the access function (PW_CASE_WORK), that the case is open and that its
 * cyber kinds allow keeping evidence (PROTOCOL.md section 6), the type by
 * content, makes the preview in its worker (app/preview.h) and writes the
 * evidence, its preview, the timeline entry and the audit rows in one
 * transaction. Reading evidence stays in api/evidence.c and web/bewijs.c. */
#ifndef PW_APP_EVIDENCE_H
#define PW_APP_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/casework.h"

#define PW_EVIDENCE_DESCRIPTION_MAX 2000

struct pw_evidence_added {
	int64_t id;
	char sha256[65];
	const char *type; /* mime type detected */
	size_t size;
	bool preview;     /* a preview was made and stored */
};

/* The protocol's guidance for a case whose cyber kinds forbid keeping
 * evidence (do not copy or forward; the police), then in English: what the
 * API answers and the case page shows instead of its form. */
const char *pw_evidence_refusal(struct pw_arena *a, const struct pw_protocol *p);

/* Whether the actor may add evidence to the case now: PW_OK, or the
 * access function's or the protocol's refusal (PW_EPROTOCOL when the case is
 * closed or its kinds forbid storing, with pw_evidence_refusal's words). */
enum pw_status pw_evidence_may_add(const struct pw_actor *actor, struct pw_loaded_case *lc, struct pw_arena *a,
				   struct pw_err *err);

/* Stores file (len bytes; file NULL when none was sent) with description
 * (NULL for none) on the case. Errors name their field ("file",
 * "description"): PW_EINVAL, PW_ETYPE; nothing is written then. */
enum pw_status pw_evidence_add(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
			       struct pw_loaded_case *lc, const void *file, size_t len, const char *description,
			       size_t description_len, struct pw_evidence_added *out, struct pw_err *err);

/* Records a read of evidence id (what: "download", "preview") twice: on the
 * evidence itself (its own history, for an export or purge) and on the case
 * (what GET /audit?case= shows the MT). A read that could not be recorded is
 * not served. */
enum pw_status pw_evidence_audit_read(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
				      int64_t case_id, int64_t id, const char *what, struct pw_err *err);

/* The timeline's words for a PW_EV_EVIDENCE event. */
const char *pw_evidence_event_text(struct pw_arena *a, const struct pw_event *e);

/* "12,3 kB", "2,1 MB", "512 bytes". */
const char *pw_evidence_size_text(struct pw_arena *a, int64_t bytes);

#endif
