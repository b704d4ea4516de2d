/* Bewijs: the evidence on the case page (issue #7). For those who read the
 * case in full: each file with its re-encoded preview (never the original
 * in the page), its description, type, size, SHA-256 and who added it when,
 * and a link to download the original; and the form to add a file (multipart,
 * without JavaScript), or, on a case whose cyber kinds forbid keeping
 * evidence, the protocol's guidance instead. The page routes load the case
 * with the session and read evidence only in the full view, like the API
 * (api/evidence.c); every preview and download is recorded in the audit log. */
#ifndef PW_WEB_BEWIJS_H
#define PW_WEB_BEWIJS_H

#include "app/casework.h"
#include "http/http.h"

/* The case page's evidence section (web/casus.c); nothing outside the full view. */
void pw_bewijs_section(struct pw_req *r, const struct pw_actor *a, struct pw_loaded_case *lc);

/* POST /casus/{id}/bewijs: adds a file; errors come back on a page of the form. */
void pw_h_bewijs_post(struct pw_req *r);
/* GET /casus/{id}/bewijs/{eid}: the original, as an attachment. */
void pw_h_bewijs_get(struct pw_req *r);
/* GET /casus/{id}/bewijs/{eid}/voorbeeld: the preview image. */
void pw_h_bewijs_preview(struct pw_req *r);

#endif
