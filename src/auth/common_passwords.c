/* Words that common and breached passwords are made of, for Dutch schools:
 * cracklib's dictionary is English, so "wachtwoord1" would pass it. A
 * password is refused when, lower-cased and with digits and punctuation
 * stripped from both ends, it is one of these (or repeats one). */
#include <ctype.h>
#include <stddef.h>
#include <string.h>

#include "auth/password.h"

static const char *const common[] = {
	"wachtwoord", "password", "passwort", "welkom", "welkom01", "geheim", "wachtwoordje", "hallo", "hoi",
	"test", "testen", "qwerty", "azerty", "asdf", "asdfgh", "zxcvbn", "abc", "abcdef", "letmein", "iloveyou",
	"ikhouvanjou", "liefde", "schat", "schatje", "lieverd", "voetbal", "ajax", "feyenoord", "psv", "oranje",
	"nederland", "holland", "amsterdam", "rotterdam", "utrecht", "denhaag", "zomer", "winter", "lente",
	"herfst", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "januari",
	"februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
	"december", "school", "leerling", "docent", "leraar", "lerares", "mentor", "klas", "lekpoort",
	"lekpoortcollege", "college", "pestwijzer", "pesten", "welkomopschool", "admin", "administrator",
	"beheerder", "root", "gebruiker", "user", "login", "inloggen", "monkey", "dragon", "sunshine",
	"princess", "football", "baseball", "master", "shadow", "superman", "batman", "starwars", "pokemon",
	"minecraft", "fortnite", "snoopy", "hond", "kat", "poes", "konijn", "paard", "banaan", "appel",
	"aardbei", "chocolade", "pannenkoek", "stroopwafel", "fiets", "auto", "computer", "laptop", "internet",
	"google", "facebook", "instagram", "whatsapp", "tiktok", "snapchat", "samsung", "iphone", "apple",
	"microsoft", "windows", "welcome", "changeme", "secret", "trustno1", "qwertyuiop", "1q2w3e4r",
	"zaq12wsx", "wachtwoord123", "0000", "1111", "1234", "12345", "123456", "1234567", "12345678",
	"123456789", "1234567890", "0987654321", "987654321", "111111", "000000", "121212", "654321",
};

int pw_password_is_common(const char *pw)
{
	char core[PW_PASSWORD_MAX + 1];
	size_t n = strlen(pw);
	if (n > PW_PASSWORD_MAX)
		return 0;
	size_t b = 0, e = n;
	while (b < e && !isalpha((unsigned char)pw[b]))
		b++;
	while (e > b && !isalpha((unsigned char)pw[e - 1]))
		e--;
	if (b == e) { /* only digits and punctuation: judge the whole */
		b = 0;
		e = n;
	}
	size_t m = 0;
	for (size_t i = b; i < e; i++)
		core[m++] = (char)tolower((unsigned char)pw[i]);
	core[m] = '\0';
	for (size_t i = 0; i < sizeof common / sizeof common[0]; i++) {
		size_t l = strlen(common[i]);
		if (l == 0 || m % l != 0)
			continue;
		/* "welkomwelkom" repeats a common word: as weak as the word. */
		size_t k = 0;
		while (k < m && strncmp(core + k, common[i], l) == 0)
			k += l;
		if (k == m)
			return 1;
	}
	/* One character repeated ("aaaaaaaaaa") or a keyboard run is no password. */
	size_t same = 1;
	for (size_t i = 1; i < n; i++)
		same += pw[i] == pw[0];
	return same == n;
}
