#include "util/log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>

#include "util/clock.h"

static atomic_int quiet;

void pw_log_quiet(int q)
{
	atomic_store(&quiet, q);
}

void pw_log(const char *fmt, ...)
{
	if (atomic_load(&quiet))
		return;
	char ts[32], line[1024];
	pw_time_rfc3339(pw_now(), ts, sizeof ts);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	/* One fputs per line, so lines from threads do not interleave. */
	char out[1100];
	snprintf(out, sizeof out, "%s %s\n", ts, line);
	fputs(out, stderr);
}
