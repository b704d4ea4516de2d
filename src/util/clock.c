#include "util/clock.h"

#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

/* INT64_MIN means "real time"; any other value is the fixed time in ms. */
static _Atomic int64_t fixed_ms = INT64_MIN;

static int64_t real_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t pw_now_ms(void)
{
	int64_t f = atomic_load(&fixed_ms);
	return f == INT64_MIN ? real_ms() : f;
}

int64_t pw_now(void)
{
	return pw_now_ms() / 1000;
}

void pw_clock_set(int64_t ms)
{
	atomic_store(&fixed_ms, ms);
}

void pw_clock_advance(int64_t ms)
{
	int64_t cur = atomic_load(&fixed_ms);
	if (cur == INT64_MIN)
		cur = real_ms();
	atomic_store(&fixed_ms, cur + ms);
}

void pw_clock_real(void)
{
	atomic_store(&fixed_ms, INT64_MIN);
}

int64_t pw_mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void pw_time_rfc3339(int64_t t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
