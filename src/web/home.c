#include "web/app.h"
#include "web/html.h"

void pw_h_home(struct pw_req *r)
{
	pw_html_printf(&r->out,
		       "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		       "<title>%s</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head>"
		       "<body><main class=\"container\"><h1>%s</h1><p>%s</p></main></body></html>",
		       "Pestwijzer", "Pestwijzer", "Samen tegen pesten: het anti-pestprotocol van de school, als werkend systeem.");
	pw_resp_html(r, 200);
}
