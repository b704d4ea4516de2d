/* GET /api/v1/protocol: the definition in force at the user's school. */
#include "auth/auth.h"
#include "core/school_protocol.h"
#include "web/app.h"
#include "web/layout.h"

void pw_h_api_protocol(struct pw_req *r)
{
	struct pw_actor a;
	struct pw_err err;
	if (!pw_api_auth(r, &a))
		return;
	int64_t school = a.nfuncties ? a.functies[0].school_id : 0, vid = 0;
	const char *s = pw_req_query(r, "school");
	if (s) {
		struct pw_school sc;
		if (pw_store_school_get(r->app->store, &r->arena, s, &sc, &err) != PW_OK || !pw_actor_has_school(&a, sc.id)) {
			pw_err_field(&err, PW_ENOTFOUND, "school", "there is no school \"%s\" of yours", s);
			pw_resp_error_json(r, &err);
			return;
		}
		school = sc.id;
	}
	const struct pw_protocol *p = school ? pw_school_protocol(r->app->store, school, &vid, &err) : pw_protocol_default(&err);
	if (p == NULL) {
		pw_resp_error_json(r, &err);
		return;
	}
	json_t *j = pw_protocol_to_json(p);
	json_object_set_new(j, "installed_version", json_integer(vid));
	pw_resp_json(r, 200, j);
}
