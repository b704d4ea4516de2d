#include "store/store.h"
#include "web/app.h"

void pw_h_healthz(struct pw_req *r)
{
	struct pw_err err;
	if (pw_store_ping(r->app->store, &err) != PW_OK) {
		pw_resp_json(r, 503, json_pack("{s:s, s:s}", "status", "unavailable", "message", err.msg));
		return;
	}
	pw_resp_json(r, 200, json_pack("{s:s}", "status", "ok"));
}
