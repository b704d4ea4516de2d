/* Mijn instellingen (web/instellingen.c) and Beheer › E-mail (web/beheer_mail.c). */
#ifndef PW_WEB_INSTELLINGEN_H
#define PW_WEB_INSTELLINGEN_H

#include "auth/auth.h"
#include "http/http.h"

void pw_h_instellingen(struct pw_req *r), pw_h_instellingen_post(struct pw_req *r);
void pw_h_beheer_mail(struct pw_req *r), pw_h_beheer_mail_retry(struct pw_req *r);

/* A new secret calendar feed address for the user, to show once (api/calendar.c). */
const char *pw_calendar_new(struct pw_req *r, const struct pw_actor *a, struct pw_err *err);

#endif
