/* A signal's JSON body, as POST /api/v1/signals reads it, parsed against the
 * shipped Lekpoort definition and validated by the engine. */
#include <stdint.h>
#include <stdlib.h>

#include "core/school_protocol.h"
#include "core/signal.h"
#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
enum pw_status pw_api_parse_signal(struct pw_arena *a, const struct pw_protocol *p, json_t *j, struct pw_signal *s,
				   json_t **data, struct pw_err *err);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pw_err e;
	const struct pw_protocol *p = pw_protocol_default(&e);
	if (p == NULL)
		abort();
	json_t *j = pw_json_parse_body((const char *)data, size, &e);
	if (j == NULL)
		return 0;
	struct pw_arena a;
	pw_arena_init(&a);
	struct pw_signal s;
	json_t *out = NULL;
	if (pw_api_parse_signal(&a, p, j, &s, &out, &e) == PW_OK) {
		pw_day today;
		pw_day_parse("2026-11-29", &today);
		if (pw_signal_validate(p, &s, today, &e) == PW_OK) {
			struct pw_signal_dest d;
			pw_signal_route(p, &s, NULL, 0, 2026, &d);
			if (d.kind != PW_ROUTE_NEW && d.kind != PW_ROUTE_SUSPICION)
				__builtin_trap();
		} else if (e.code != PW_EINVAL || e.field[0] == '\0') {
			__builtin_trap(); /* every refusal names its field */
		}
	}
	json_decref(out);
	json_decref(j);
	pw_arena_free(&a);
	return 0;
}
