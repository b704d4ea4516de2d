#include "web/app.h"

/* Every route of the application. Order matters only between patterns that
 * could both match; the first match wins. */
const struct pw_route pw_routes[] = {
	{"GET", "/healthz", pw_h_healthz, 0},
	{"GET", "/static/{}", pw_h_static, 0},
	{"GET", "/", pw_h_home, 0},
	{"POST", "/api/v1/__test/clock", pw_h_test_clock, 0},
	{NULL, NULL, NULL, 0},
};
