/* make bench's board: adds about SIGNALS signals, and the cases they make,
 * to a database that `pestwijzer demo --schools N --force` filled with a
 * board's schools, years, classes, students and staff. Spread evenly over
 * the schools and their school years, each signal is about two students of
 * one class that year; three in ten stay suspicions, the rest are grouped
 * into cases of one to three signals each, with a short timeline (opened,
 * the signal, the owner, the talks, an agreement, its evaluation, closed)
 * in the shapes the engine writes (src/app, src/core/event.c), so the
 * yearly evaluation reads them as it reads real ones.
 *
 * Rows are written directly, in one transaction: the engine's operations
 * take a millisecond or more a signal (checks, audit, notices, a commit),
 * hours for a million; this takes under a minute. It is a benchmark's
 * fixture, not a demo: `pestwijzer demo --cases` is the one made through
 * the engine. Deterministic for a seed.
 *
 * Usage: pw-bench-board DB SIGNALS [SEED] */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rng = 88172645463325252ULL;

static uint32_t below(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)((rng >> 11) % n);
}

static sqlite3 *db;

static void die(const char *what)
{
	fprintf(stderr, "pw-bench-board: %s: %s\n", what, sqlite3_errmsg(db));
	exit(1);
}

static sqlite3_stmt *prep(const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die(sql);
	return st;
}

static int64_t run(sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE)
		die("insert");
	sqlite3_reset(st);
	return sqlite3_last_insert_rowid(db);
}

/* Days since 1970-01-01 <-> YYYY-MM-DD (civil from days, Hinnant). */
static int64_t days_from(const char *s)
{
	int y, m, d;
	sscanf(s, "%d-%d-%d", &y, &m, &d);
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400, doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void day_str(int64_t z, char out[11])
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365, y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp + (mp < 10 ? 3 : -9);
	snprintf(out, 11, "%04d-%02d-%02d", (int)(y + (m <= 2)), (int)m, (int)d);
}

/* A school day (Monday to Friday) from the first 44 weeks of the year. */
static int64_t school_day(int64_t start)
{
	for (;;) {
		int64_t d = start + below(44 * 7);
		int wd = (int)((d % 7 + 7 + 3) % 7); /* 0 Monday */
		if (wd < 5)
			return d;
	}
}

struct year {
	int64_t id, school, start;
	int64_t (*pupils)[2]; /* student, class */
	size_t n;
};

static const char *const vormen[] = {"woorden_beelden", "lichamelijk", "achtervolgen", "uitsluiting",
				     "stelen_vernielen", "afpersing", "meelopen"};
static const char *const places[] = {"schoolplein", "klas", "gang", "kantine", "gymzaal", "online", "onderweg"};

int main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: pw-bench-board DB SIGNALS [SEED]\n", stderr);
		return 2;
	}
	long want = atol(argv[2]);
	if (argc > 3)
		rng ^= strtoull(argv[3], NULL, 10) * 0x9E3779B97F4A7C15ULL;
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		die(argv[1]);
	sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000", 0, 0, 0);

	/* The school years and who was in which class. */
	struct year *ys = NULL;
	size_t ny = 0;
	sqlite3_stmt *q = prep("SELECT id, school_id, start_on FROM schoolyear ORDER BY id");
	while (sqlite3_step(q) == SQLITE_ROW) {
		ys = realloc(ys, (ny + 1) * sizeof *ys);
		ys[ny] = (struct year){.id = sqlite3_column_int64(q, 0), .school = sqlite3_column_int64(q, 1),
				       .start = days_from((const char *)sqlite3_column_text(q, 2))};
		ny++;
	}
	sqlite3_finalize(q);
	q = prep("SELECT student_id, class_id FROM enrollment WHERE schoolyear_id = ? ORDER BY class_id, student_id");
	for (size_t i = 0; i < ny; i++) {
		sqlite3_bind_int64(q, 1, ys[i].id);
		size_t cap = 0;
		while (sqlite3_step(q) == SQLITE_ROW) {
			if (ys[i].n == cap) {
				cap = cap ? 2 * cap : 1024;
				ys[i].pupils = realloc(ys[i].pupils, cap * sizeof *ys[i].pupils);
			}
			ys[i].pupils[ys[i].n][0] = sqlite3_column_int64(q, 0);
			ys[i].pupils[ys[i].n][1] = sqlite3_column_int64(q, 1);
			ys[i].n++;
		}
		sqlite3_reset(q);
	}
	sqlite3_finalize(q);
	if (ny == 0) {
		fputs("pw-bench-board: no school years; run pestwijzer demo first\n", stderr);
		return 1;
	}
	sqlite3_stmt *mentor = prep("SELECT user_id FROM class_mentor WHERE class_id = ? AND position = 1");
	sqlite3_stmt *reporter = prep("SELECT user_id FROM user_functie WHERE school_id = ? ORDER BY user_id LIMIT 1");
	sqlite3_stmt *ins_sig = prep("INSERT INTO signal(school_id, reporter_id, filed_at, filed_on, occurred_on, location, "
				     "description, systematisch, data, case_id) VALUES (?, ?, ?, ?, ?, ?, 'Bench.', ?, ?, ?)");
	sqlite3_stmt *ins_sp = prep("INSERT INTO signal_person(signal_id, student_id, rol) VALUES (?, ?, ?)");
	sqlite3_stmt *ins_case = prep("INSERT INTO casus(school_id, schoolyear_id, status, level, owner_id, opened_on, "
				      "opened_at, updated_at, closed_at, closed_year) VALUES (?, ?, ?, 'mentor', ?, ?, ?, ?, ?, ?)");
	sqlite3_stmt *ins_cp = prep("INSERT INTO case_person(case_id, student_id, rol) VALUES (?, ?, ?)");
	sqlite3_stmt *ins_ev = prep("INSERT INTO case_event(case_id, at, day, by_id, kind, data) VALUES (?, ?, ?, ?, ?, ?)");

	double t0 = (double)clock();
	if (sqlite3_exec(db, "BEGIN", 0, 0, 0) != SQLITE_OK)
		die("begin");
	long made = 0, cases = 0;
	int64_t today = (int64_t)time(NULL) / 86400;
	while (made < want) {
		struct year *y = &ys[below((uint32_t)ny)];
		if (y->n < 2)
			continue;
		/* Two students of one class: neighbours in the class-ordered list. */
		size_t k = below((uint32_t)(y->n - 1));
		if (y->pupils[k][1] != y->pupils[k + 1][1])
			continue;
		int64_t target = y->pupils[k][0], bully = y->pupils[k + 1][0], cls = y->pupils[k][1];
		sqlite3_bind_int64(mentor, 1, cls);
		int64_t owner = sqlite3_step(mentor) == SQLITE_ROW ? sqlite3_column_int64(mentor, 0) : 0;
		sqlite3_reset(mentor);
		sqlite3_bind_int64(reporter, 1, y->school);
		int64_t by = sqlite3_step(reporter) == SQLITE_ROW ? sqlite3_column_int64(reporter, 0) : owner;
		sqlite3_reset(reporter);
		/* This school year: only days up to today. */
		int64_t d0 = school_day(y->start);
		if (d0 > today)
			continue;
		int suspicion = below(10) < 3;
		int nsig = suspicion ? 1 : 1 + (int)below(3);
		int64_t case_id = 0, last = d0;
		char day[11], day2[11], json[512];
		if (!suspicion) {
			int64_t closed = d0 + 14 + below(30);
			int open = closed >= today;
			day_str(d0, day);
			sqlite3_bind_int64(ins_case, 1, y->school);
			sqlite3_bind_int64(ins_case, 2, y->id);
			sqlite3_bind_text(ins_case, 3, open ? "open" : "closed", -1, SQLITE_STATIC);
			if (owner)
				sqlite3_bind_int64(ins_case, 4, owner);
			else
				sqlite3_bind_null(ins_case, 4);
			sqlite3_bind_text(ins_case, 5, day, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(ins_case, 6, d0 * 86400 + 36000);
			sqlite3_bind_int64(ins_case, 7, (open ? d0 + 3 : closed) * 86400 + 36000);
			if (open) {
				sqlite3_bind_null(ins_case, 8);
				sqlite3_bind_null(ins_case, 9);
			} else {
				char cy[11];
				day_str(y->start, cy);
				sqlite3_bind_int64(ins_case, 8, closed * 86400 + 36000);
				sqlite3_bind_int(ins_case, 9, atoi(cy));
			}
			case_id = run(ins_case);
			cases++;
			for (int r = 0; r < 2; r++) {
				sqlite3_bind_int64(ins_cp, 1, case_id);
				sqlite3_bind_int64(ins_cp, 2, r ? bully : target);
				sqlite3_bind_text(ins_cp, 3, r ? "pester" : "gepeste", -1, SQLITE_STATIC);
				run(ins_cp);
			}
			last = open ? d0 + 3 : closed;
		}
		int64_t first_sig = 0;
		for (int s = 0; s < nsig && made < want; s++, made++) {
			int64_t d = d0 + 7 * s;
			day_str(d, day);
			int cyber = below(100) < 15;
			int geweld = below(100) < 6;
			snprintf(json, sizeof json, "{\"cyber\":%s,\"flags\":{%s},\"signalen\":[],\"vormen\":[\"%s\"]}",
				 cyber ? "{\"platforms\":[\"whatsapp\"],\"soorten\":[\"pestmail\"]}" : "null",
				 geweld ? "\"geweld_of_dreiging\":true" : "", cyber ? "woorden_beelden" : vormen[below(7)]);
			sqlite3_bind_int64(ins_sig, 1, y->school);
			sqlite3_bind_int64(ins_sig, 2, by);
			sqlite3_bind_int64(ins_sig, 3, d * 86400 + 36000);
			sqlite3_bind_text(ins_sig, 4, day, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(ins_sig, 5, day, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(ins_sig, 6, cyber ? "online" : places[below(6)], -1, SQLITE_STATIC);
			sqlite3_bind_text(ins_sig, 7, suspicion ? (below(2) ? "nee" : "onbekend") : "ja", -1, SQLITE_STATIC);
			sqlite3_bind_text(ins_sig, 8, json, -1, SQLITE_TRANSIENT);
			if (case_id)
				sqlite3_bind_int64(ins_sig, 9, case_id);
			else
				sqlite3_bind_null(ins_sig, 9);
			int64_t sid = run(ins_sig);
			if (!first_sig)
				first_sig = sid;
			for (int r = 0; r < 2; r++) {
				sqlite3_bind_int64(ins_sp, 1, sid);
				sqlite3_bind_int64(ins_sp, 2, r ? bully : target);
				sqlite3_bind_text(ins_sp, 3, r ? "pester" : "gepeste", -1, SQLITE_STATIC);
				run(ins_sp);
			}
		}
		if (!case_id)
			continue;
		/* The timeline, in the engine's shapes; refs point at earlier events. */
		struct {
			int64_t day;
			const char *kind;
			char data[200];
		} ev[10];
		int n = 0;
		day_str(d0 + 1, day2);
		ev[n].day = d0, ev[n].kind = "opened", snprintf(ev[n].data, 200, "{\"key\":\"mentor\",\"ref\":0,\"text\":null}"), n++;
		ev[n].day = d0, ev[n].kind = "signal", snprintf(ev[n].data, 200, "{\"ref\":%lld}", (long long)first_sig), n++;
		if (owner)
			ev[n].day = d0, ev[n].kind = "owner", snprintf(ev[n].data, 200, "{\"user\":%lld}", (long long)owner), n++;
		ev[n].day = d0 + 1, ev[n].kind = "conversation",
		snprintf(ev[n].data, 200, "{\"answers\":{},\"key\":\"gepeste\",\"students\":[%lld]}", (long long)target), n++;
		ev[n].day = d0 + 1, ev[n].kind = "conversation",
		snprintf(ev[n].data, 200, "{\"answers\":{},\"key\":\"pester\",\"students\":[%lld]}", (long long)bully), n++;
		ev[n].day = d0 + 1, ev[n].kind = "parent_contact",
		snprintf(ev[n].data, 200, "{\"key\":\"telefoon\",\"on\":\"%s\",\"student\":%lld,\"text\":\"Bench.\"}", day2,
			 (long long)target), n++;
		int64_t done = last;
		if (done > d0 + 3) {
			ev[n].day = done, ev[n].kind = "closed",
			snprintf(ev[n].data, 200, "{\"on\":null,\"status\":null,\"text\":\"Gestopt (bench).\"}"), n++;
		}
		for (int i = 0; i < n; i++) {
			day_str(ev[i].day, day);
			sqlite3_bind_int64(ins_ev, 1, case_id);
			sqlite3_bind_int64(ins_ev, 2, ev[i].day * 86400 + 36000 + i);
			sqlite3_bind_text(ins_ev, 3, day, -1, SQLITE_TRANSIENT);
			if (owner)
				sqlite3_bind_int64(ins_ev, 4, owner);
			else
				sqlite3_bind_null(ins_ev, 4);
			sqlite3_bind_text(ins_ev, 5, ev[i].kind, -1, SQLITE_STATIC);
			sqlite3_bind_text(ins_ev, 6, ev[i].data, -1, SQLITE_STATIC);
			run(ins_ev);
		}
	}
	if (sqlite3_exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", 0, 0, 0) != SQLITE_OK)
		die("commit");
	printf("%ld signals, %ld cases over %zu school years in %.1f s CPU\n", made, cases, ny,
	       ((double)clock() - t0) / CLOCKS_PER_SEC);
	sqlite3_close(db);
	return 0;
}
