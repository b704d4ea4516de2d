/* The demo school's surveys (demo --cases): a closed veiligheid survey in
 * every past school year, answered by a few hundred students with figures
 * that improve a little each year, so the results, the comparison by key
 * and the monitor summary show something. The answers go through the
 * store's own single-use path (a code hash spent with its answers), with
 * hashes of no code: nobody can answer them again. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cli/demo.h"
#include "core/survey.h"
#include "store/people.h"
#include "store/surveys.h"

/* One response: bullied less, safer, more often told, the more recent the year (age 0: last year). */
static size_t respond(struct pw_demo_rng *g, int age, struct pw_survey_answer *v)
{
	size_t n = 0;
	static const char *const safe[] = {"heel_veilig", "veilig", "gaat_wel", "onveilig", "heel_onveilig"};
	unsigned r = pw_demo_below(g, 1000) + (unsigned)age * 30;
	v[n++] = (struct pw_survey_answer){"veilig_school", safe[r < 380 ? 0 : r < 820 ? 1 : r < 930 ? 2 : r < 985 ? 3 : 4]};
	r = pw_demo_below(g, 1000) + (unsigned)age * 25;
	v[n++] = (struct pw_survey_answer){"veilig_klas", safe[r < 400 ? 0 : r < 830 ? 1 : r < 940 ? 2 : r < 985 ? 3 : 4]};
	bool bullied = pw_demo_chance(g, 110 + (unsigned)age * 25);
	static const char *const often[] = {"een_twee_keer", "maandelijks", "wekelijks", "vaker"};
	v[n++] = (struct pw_survey_answer){"gepest", bullied ? often[pw_demo_below(g, 4)] : "nee"};
	if (bullied) {
		v[n++] = (struct pw_survey_answer){"gepest_online", pw_demo_chance(g, 450) ? (pw_demo_chance(g, 300) ? "alleen_online" : "ook_online") : "nee"};
		static const char *const where[] = {"klas", "gang_plein", "kantine", "gym", "onderweg", "online"};
		v[n++] = (struct pw_survey_answer){"gepest_waar", where[pw_demo_below(g, 6)]};
		bool told = pw_demo_chance(g, 600 - (unsigned)age * 60);
		v[n++] = (struct pw_survey_answer){"verteld", told ? "ja" : "nee"};
		if (told)
			v[n++] = (struct pw_survey_answer){"verteld_wie", pw_demo_chance(g, 500) ? "mentor" : "ouders"};
		static const char *const stop[] = {"ja", "minder", "nee", "weet_niet"};
		v[n++] = (struct pw_survey_answer){"gestopt", stop[pw_demo_below(g, 4)]};
	}
	v[n++] = (struct pw_survey_answer){"zelf_gepest", pw_demo_chance(g, 60) ? "een_twee_keer" : "nee"};
	v[n++] = (struct pw_survey_answer){"gezien", pw_demo_chance(g, 300) ? "een_twee_keer" : "nee"};
	v[n++] = (struct pw_survey_answer){"weet_hulp", pw_demo_chance(g, 820) ? "ja" : pw_demo_chance(g, 500) ? "nee" : "weet_niet"};
	return n;
}

enum pw_status pw_demo_surveys(struct pw_store *s, struct pw_arena *a, int64_t school, uint64_t seed, struct pw_err *err)
{
	struct pw_schoolyear *years;
	size_t ny;
	struct pw_user apc;
	if (pw_store_schoolyear_list(s, a, school, &years, &ny, err) != PW_OK ||
	    pw_store_user_by_login(s, a, "apc", &apc, err) != PW_OK)
		return err->code;
	struct pw_demo_rng g;
	pw_demo_rng_seed(&g, seed ^ 0x656e7175657465ULL);
	size_t nb;
	const struct pw_survey_question *bank = pw_survey_bank(&nb);
	struct pw_survey_qrow q[32];
	size_t nq = 0;
	for (size_t i = 0; i < nb && nq < 32; i++)
		if (strcmp(bank[i].kind, "veiligheid") == 0)
			q[nq++] = (struct pw_survey_qrow){bank[i].key, NULL, NULL};
	/* The list is oldest first; the last is this year, left to the apc. */
	for (size_t y = 0; y + 1 < ny; y++) {
		int age = (int)(ny - 2 - y);
		int64_t id;
		size_t nresp = 240 + pw_demo_below(&g, 80);
		unsigned char *hashes = pw_alloc(a, nresp * PW_SURVEY_HASH_BYTES);
		randombytes_buf(hashes, nresp * PW_SURVEY_HASH_BYTES);
		if (pw_store_survey_add(s, school, years[y].name, "veiligheid", q, nq, apc.id, &id, err) != PW_OK ||
		    pw_store_survey_codes_add(s, id, hashes, nresp, apc.id, err) != PW_OK ||
		    pw_store_survey_set_status(s, id, "open", apc.id, err) != PW_OK)
			return err->code;
		for (size_t i = 0; i < nresp; i++) {
			struct pw_survey_answer v[16];
			size_t n = respond(&g, age, v);
			if (pw_store_survey_answer(s, hashes + i * PW_SURVEY_HASH_BYTES, id, v, n, err) != PW_OK)
				return err->code;
		}
		if (pw_store_survey_set_status(s, id, "gesloten", apc.id, err) != PW_OK)
			return err->code;
	}
	return PW_OK;
}
