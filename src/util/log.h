/* Diagnostics on stderr, one line each, with a UTC timestamp. */
#ifndef PW_UTIL_LOG_H
#define PW_UTIL_LOG_H

#include "util/err.h"

void pw_log(const char *fmt, ...) PW_PRINTF(1, 2);
/* Suppresses pw_log output (tests, quiet commands). */
void pw_log_quiet(int quiet);

#endif
