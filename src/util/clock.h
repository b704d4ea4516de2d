/* The one clock. All time in the program comes from here, so tests can set
 * it: timeouts, throttling, back-off, digests and overdue steps are tested
 * without sleeping. Real time unless a test (or `serve --test-clock`) fixed it. */
#ifndef PW_UTIL_CLOCK_H
#define PW_UTIL_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* Milliseconds since the Unix epoch, UTC. */
int64_t pw_now_ms(void);
/* Seconds since the Unix epoch, UTC. */
int64_t pw_now(void);
/* Fixes the clock at ms (tests). Thread-safe. */
void pw_clock_set(int64_t ms);
/* Moves a fixed clock on by ms; fixes it at now + ms if it was real. */
void pw_clock_advance(int64_t ms);
/* Back to real time. */
void pw_clock_real(void);
/* Monotonic milliseconds for measuring durations (not settable: no test needs to). */
int64_t pw_mono_ms(void);
/* Formats t (seconds, UTC) as RFC 3339 "2026-11-29T07:55:00Z" into out (>= 21 bytes). */
void pw_time_rfc3339(int64_t t, char *out, size_t n);

#endif
