/* Sanctions on a case: the ladder (PROTOCOL.md, sanctions), proposals and
 * management's decisions, and their legal duties. */
#include "app/casework.h"
#include "web/app.h"

json_t *pw_api_case_sanctions(struct pw_req *r, struct pw_loaded_case *lc)
{
	(void)r;
	(void)lc;
	return json_array();
}

const char *pw_api_sanction_text(struct pw_arena *a, const struct pw_case *c, const struct pw_event *e)
{
	(void)a;
	(void)c;
	return e->kind == PW_EV_DECISION ? "Besluit over een sanctie." : "Sanctie.";
}
