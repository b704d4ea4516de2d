/* The frame of every page: head, header with the user and logout, the hide
 * control, main. Pages write their content between begin and end. */
#ifndef PW_WEB_LAYOUT_H
#define PW_WEB_LAYOUT_H

#include "auth/auth.h"
#include "http/http.h"

/* Starts a page titled title; actor may be NULL (login, public pages). */
void pw_page_begin(struct pw_req *r, const char *title, const struct pw_actor *actor);
/* Closes the page and sets the response (status 200 unless given). */
void pw_page_end(struct pw_req *r, int status);
/* A hidden CSRF field for forms of a logged-in user. */
void pw_form_csrf(struct pw_req *r, const struct pw_actor *actor);
/* Today's date in Europe/Amsterdam as YYYY-MM-DD (the school's day). */
const char *pw_today(struct pw_req *r);

#endif
