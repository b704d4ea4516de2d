/* The demo's PRNG and name lists (see demo.h). */
#include <stdio.h>
#include <string.h>

#include "cli/demo.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- PRNG ---- */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

void pw_demo_rng_seed(struct pw_demo_rng *r, uint64_t seed)
{
	/* splitmix64 spreads any seed (0 and 1 included) over the whole state;
	 * xoshiro must not start from all zeroes, which splitmix never gives
	 * for four consecutive outputs. */
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t pw_demo_rng_next(struct pw_demo_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint32_t pw_demo_below(struct pw_demo_rng *r, uint32_t n)
{
	/* A plain `% n` favours small values; rejecting the short tail of the
	 * 64-bit product keeps every value equally likely. */
	uint64_t m = (pw_demo_rng_next(r) >> 32) * n;
	uint32_t low = (uint32_t)m;
	if (low < n) {
		uint32_t threshold = (uint32_t)(-n) % n;
		while (low < threshold) {
			m = (pw_demo_rng_next(r) >> 32) * n;
			low = (uint32_t)m;
		}
	}
	return (uint32_t)(m >> 32);
}

int pw_demo_chance(struct pw_demo_rng *r, unsigned permille)
{
	return pw_demo_below(r, 1000) < permille;
}

void pw_demo_shuffle(struct pw_demo_rng *r, int *v, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = pw_demo_below(r, (uint32_t)i);
		int t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

/* ---- names ---- */

/* Popular names of each generation, so a class of 2026 does not read like a
 * staff room of 1985. Only Latin-1 letters, which pw_demo_ascii folds. */
static const char *const girls_child[] = {
	"Emma",   "Julia",   "Sophie", "Tess",   "Zoë",     "Sara",    "Anna",    "Eva",   "Lotte",  "Fleur",
	"Lisa",   "Saar",    "Noor",   "Evi",    "Lieke",   "Isa",     "Sanne",   "Femke", "Roos",   "Maud",
	"Nina",   "Lynn",    "Fenna",  "Mila",   "Liv",     "Yara",    "Nora",    "Elin",  "Hannah", "Jasmijn",
	"Sophia", "Lina",    "Amira",  "Ilse",   "Esmée",   "Floor",   "Milou",   "Iris",  "Merel",  "Vera",
	"Demi",   "Anouk",   "Britt",  "Puck",   "Jade",    "Nova",    "Olivia",  "Meryem", "Aya",   "Salma",
	"Romy",   "Feline",  "Indy",   "Sterre", "Luna",    "Elif",    "Fatima",  "Naomi", "Chloë",  "Jara",
};
static const char *const boys_child[] = {
	"Daan",  "Sem",    "Lucas",  "Levi",   "Finn",  "Milan",  "Luuk",   "Bram",   "Jesse",    "Thijs",
	"Noah",  "Liam",   "Tim",    "Lars",   "Sven",  "Ruben",  "Thomas", "Jayden", "Max",      "Stijn",
	"Julian", "Mees",  "Jens",   "Gijs",   "Tijn",  "Teun",   "Ties",   "Siem",   "Sam",      "Niels",
	"Joep",  "Koen",   "Rens",   "Floris", "Hugo",  "Jasper", "Mats",   "Olivier", "Dex",     "Owen",
	"Adam",  "Mohammed", "Yusuf", "Amir",  "Ayoub", "Rayan",  "Emir",   "Daniël", "Stan",     "Boaz",
	"Cas",   "Kai",    "Pim",    "Hidde",  "Jurre", "Senna",  "Mohamed", "Ilias", "Matthijs", "Joël",
};
static const char *const women_adult[] = {
	"Marieke", "Anja",    "Sandra",   "Monique", "Linda",    "Esther",  "Petra",    "Ingrid",  "Karin",
	"Marloes", "Saskia",  "Ellen",    "Miriam",  "Judith",   "Annemieke", "Wendy",  "Nicole",  "Suzanne",
	"Mariska", "Yvonne",  "Jolanda",  "Daniëlle", "Irene",   "Hanneke", "Eline",    "Marjolein", "Inge",
	"Chantal", "Fatima",  "Naima",    "Hatice",  "Renske",   "Margriet", "Bianca",  "Astrid",  "Mirjam",
	"Kim",     "Laura",   "Anouk",    "Sanne",   "Femke",    "Iris",    "Lotte",    "Eva",     "Rianne",
	"Maaike",  "Natasja", "Sabine",   "Hester",  "Carolien", "Nadia",   "Samira",   "Jessica", "Tamara",
};
static const char *const men_adult[] = {
	"Jeroen",  "Marco",  "Peter",  "Erik",    "Martijn", "Mark",    "Dennis",  "Bas",     "Frank",
	"Rob",     "Michiel", "Sander", "Arjan",  "Jan",     "Paul",    "Hans",    "Richard", "Remco",
	"Maarten", "Ronald", "Wim",    "Edwin",   "Niels",   "Bart",    "Joost",   "Vincent", "Hendrik",
	"Gerrit",  "Mustafa", "Ahmed", "Hasan",   "Willem",  "Roel",    "Robert",  "Stefan",  "Johan",
	"Tom",     "Jasper", "Wouter", "Rik",     "Koen",    "Thijs",   "Ruud",    "Arno",    "Gert-Jan",
	"Youssef", "Murat",  "René",   "André",   "Tim",     "Sjoerd",  "Hugo",    "Pieter",  "Kees",
};

/* Common surnames in the Netherlands, each with its tussenvoegsel, weighted
 * only by appearing once: a school's list looks like this. */
static const struct pw_demo_surname surnames[] = {
	{"de", "Jong"},       {"", "Jansen"},       {"de", "Vries"},     {"van den", "Berg"},  {"van", "Dijk"},
	{"", "Bakker"},       {"", "Janssen"},      {"", "Visser"},      {"", "Smit"},         {"", "Meijer"},
	{"de", "Boer"},       {"", "Mulder"},       {"de", "Groot"},     {"", "Bos"},          {"", "Vos"},
	{"", "Peters"},       {"", "Hendriks"},     {"van", "Leeuwen"},  {"", "Dekker"},       {"", "Brouwer"},
	{"de", "Wit"},        {"", "Dijkstra"},     {"", "Smits"},       {"de", "Graaf"},      {"van der", "Meer"},
	{"van der", "Linden"}, {"", "Kok"},         {"", "Jacobs"},      {"de", "Haan"},       {"", "Vermeulen"},
	{"van den", "Heuvel"}, {"van der", "Veen"}, {"van den", "Broek"}, {"de", "Bruijn"},    {"van der", "Heijden"},
	{"", "Schouten"},     {"van", "Beek"},      {"", "Willems"},     {"van", "Vliet"},     {"van de", "Ven"},
	{"", "Hoekstra"},     {"", "Maas"},         {"", "Verhoeven"},   {"", "Koster"},       {"van", "Dam"},
	{"van der", "Wal"},   {"", "Prins"},        {"", "Blom"},        {"", "Huisman"},      {"", "Peeters"},
	{"de", "Jonge"},      {"", "Kuipers"},      {"van", "Veen"},     {"", "Post"},         {"", "Kuiper"},
	{"", "Veenstra"},     {"", "Kramer"},       {"van den", "Brink"}, {"", "Scholten"},    {"van", "Wijk"},
	{"", "Postma"},       {"", "Martens"},      {"", "Vink"},        {"de", "Ruiter"},     {"", "Timmermans"},
	{"", "Groen"},        {"", "Gerritsen"},    {"", "Jonker"},      {"van", "Loon"},      {"van der", "Velde"},
	{"", "Willemsen"},    {"", "Smeets"},       {"de", "Lange"},     {"", "Bosch"},        {"van", "Dongen"},
	{"", "Schipper"},     {"de", "Koning"},     {"van der", "Laan"}, {"", "Driessen"},     {"van", "Doorn"},
	{"", "Hermans"},      {"", "Evers"},        {"van den", "Bosch"}, {"van der", "Meulen"}, {"", "Hofman"},
	{"", "Bosman"},       {"", "Wolters"},      {"", "Sanders"},     {"van der", "Horst"}, {"", "Mol"},
	{"", "Molenaar"},     {"van de", "Pol"},    {"de", "Leeuw"},     {"", "Verbeek"},      {"van 't", "Hof"},
	{"", "Yilmaz"},       {"", "El Amrani"},    {"", "Kaya"},        {"", "Öztürk"},       {"", "Nguyen"},
	{"", "Bouzid"},       {"", "Demir"},        {"", "Tahiri"},      {"", "Ramdin"},       {"", "Baldew"},
	{"", "Şahin"},        {"", "Ahmadi"},       {"", "Kowalski"},    {"", "Benali"},       {"", "Pinas"},
};

const char *pw_demo_first_name(struct pw_demo_rng *r, enum pw_demo_generation g, int girl)
{
	if (g == PW_DEMO_CHILD)
		return girl ? girls_child[pw_demo_below(r, COUNT(girls_child))]
			    : boys_child[pw_demo_below(r, COUNT(boys_child))];
	return girl ? women_adult[pw_demo_below(r, COUNT(women_adult))] : men_adult[pw_demo_below(r, COUNT(men_adult))];
}

struct pw_demo_surname pw_demo_surname(struct pw_demo_rng *r)
{
	return surnames[pw_demo_below(r, COUNT(surnames))];
}

/* Latin-1 letters U+00C0..U+00FF (UTF-8 C3 80..C3 BF) without their accent;
 * '_' for the two that are no letters (multiplication and division sign). */
static const char latin1_fold[] = "aaaaaaaceeeeiiiidnooooo_ouuuuyts"
				  "aaaaaaaceeeeiiiidnooooo_ouuuuyty";

size_t pw_demo_ascii(const char *in, char *out, size_t n)
{
	size_t k = 0;
	const unsigned char *p = (const unsigned char *)in;
	while (*p && k + 1 < n) {
		char c = 0;
		if (*p < 0x80) {
			if (*p >= 'A' && *p <= 'Z')
				c = (char)(*p - 'A' + 'a');
			else if (*p >= 'a' && *p <= 'z')
				c = (char)*p;
			p++;
		} else if (*p == 0xC3 && p[1] >= 0x80 && p[1] <= 0xBF) {
			c = latin1_fold[p[1] - 0x80];
			if (c == '_')
				c = 0;
			p += 2;
		} else if (*p == 0xC5 && p[1] == 0x9E) {
			c = 's'; /* Ş */
			p += 2;
		} else if (*p == 0xC5 && p[1] == 0x9F) {
			c = 's'; /* ş */
			p += 2;
		} else {
			/* Another multi-byte character: skip it whole. */
			p++;
			while ((*p & 0xC0) == 0x80)
				p++;
		}
		if (c)
			out[k++] = c;
	}
	if (n)
		out[k] = '\0';
	return k;
}

static const char *const restrictions[] = {
	"Geen informatie aan deze ouder verstrekken (rechterlijke uitspraak); bij twijfel overleggen met de CLZ.",
	"Alleen schriftelijk contact; niet bellen.",
	"Leerling niet aan deze ouder meegeven; ouder mag informatie over schoolvorderingen ontvangen.",
	"Contact alleen via de gezinsvoogd.",
};

const char *pw_demo_restriction(struct pw_demo_rng *r)
{
	return restrictions[pw_demo_below(r, COUNT(restrictions))];
}

/* Invented names of places along a river, no existing school's. */
static const struct {
	const char *code, *name;
} schools[] = {
	{"lekpoort", "Lekpoort College"},     {"kribbenwaard", "Kribbenwaard Lyceum"}, {"zomerdijk", "Zomerdijk College"},
	{"griendhof", "Griendhof Scholengemeenschap"}, {"veerstoep", "Veerstoep College"},
	{"wilgenwaard", "Wilgenwaard Lyceum"}, {"molenkade", "Molenkade College"},     {"uiterwaard", "Uiterwaard College"},
	{"zandplaat", "Zandplaat Lyceum"},    {"steenoven", "Steenoven College"},
};

void pw_demo_school_name(int i, char *code, size_t ncode, char *name, size_t nname)
{
	if (i >= 0 && (size_t)i < COUNT(schools)) {
		snprintf(code, ncode, "%s", schools[i].code);
		snprintf(name, nname, "%s", schools[i].name);
		return;
	}
	snprintf(code, ncode, "vestiging-%d", i + 1);
	snprintf(name, nname, "Lekstroom College vestiging %d", i + 1);
}
