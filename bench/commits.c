/* The baseline for writes: bare durable SQLite commits on this disk (WAL,
 * synchronous=FULL), one small row per transaction, for SECONDS. Prints
 * "commits/s p99ms". Usage: pw-bench-commits DB SECONDS */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: pw-bench-commits DB SECONDS\n", stderr);
		return 2;
	}
	sqlite3 *db;
	sqlite3_stmt *st;
	if (sqlite3_open(argv[1], &db) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE IF NOT EXISTS t(x, y)", 0, 0, 0) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?, 'a row of about the size of an audit entry')", -1, &st, 0) != SQLITE_OK) {
		fprintf(stderr, "pw-bench-commits: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	double end = now_ms() + atof(argv[2]) * 1000, *lat = malloc(sizeof(double) * 1000000);
	long n = 0;
	while (now_ms() < end && n < 1000000) {
		double t0 = now_ms();
		sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0);
		sqlite3_bind_int64(st, 1, n);
		sqlite3_step(st);
		sqlite3_reset(st);
		sqlite3_exec(db, "COMMIT", 0, 0, 0);
		lat[n++] = now_ms() - t0;
	}
	qsort(lat, (size_t)n, sizeof *lat, cmp);
	printf("%ld %.2f\n", (long)(n / atof(argv[2])), n ? lat[(size_t)(n * 0.99)] : 0.0);
	free(lat);
	sqlite3_close(db);
	return 0;
}
