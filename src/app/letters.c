/* Letters to parents: templates, who may get one, and sending.
 *
 * The templates are a C table, not an embedded data file: three short texts
 * with a fixed set of placeholders need no parser, cannot fail to load at
 * run time, and the unit of review is the staff member's edited text anyway
 * (what goes out is kept as sent, never re-rendered). A school that wants
 * its own wording would get it with its protocol definition, not here. */
#include "app/letters.h"

#include <ctype.h>
#include <string.h>

#include "app/caseforms.h"
#include "core/sanction.h"
#include "store/people.h"
#include "util/buf.h"
#include "util/clock.h"

#define GROET "Met vriendelijke groet,\n\n{afzender}\n{school}\n"

const struct pw_letter_template pw_letter_templates[3] = {
	{"informeren", "Informeren over een casus", "Over {leerling}",
	 "Beste {ouder},\n\n"
	 "Op {school} willen wij dat iedere leerling zich veilig voelt. Wij laten u weten dat wij aandacht besteden "
	 "aan een situatie rond pesten waarbij {leerling} betrokken is.\n\n"
	 "Wij gaan hierover graag met u in gesprek. U kunt contact opnemen met ondergetekende; wij nemen ook zelf "
	 "contact met u op.\n\n" GROET},
	{"afspraken", "Afspraken", "Afspraken over {leerling}",
	 "Beste {ouder},\n\n"
	 "Naar aanleiding van de gesprekken op school met {leerling} zijn de volgende afspraken gemaakt:\n\n"
	 "{afspraken}\n\n"
	 "Wij bespreken over enige tijd met de leerlingen hoe het gaat en laten u weten hoe het verder gaat. "
	 "Heeft u vragen, neem dan gerust contact op.\n\n" GROET},
	{"sanctie", "Sanctie", "Maatregel voor {leerling}",
	 "Beste {ouder},\n\n"
	 "Hierbij laten wij u schriftelijk weten dat aan {leerling} de volgende maatregel is opgelegd: {sanctie}.\n\n"
	 "De reden is met {leerling} besproken. Wilt u hierover in gesprek, neem dan contact op met ondergetekende.\n\n"
	 "Datum: {datum}\n\n" GROET},
};

const struct pw_letter_template *pw_letter_template(const char *key)
{
	for (size_t i = 0; key && i < sizeof pw_letter_templates / sizeof pw_letter_templates[0]; i++)
		if (strcmp(pw_letter_templates[i].key, key) == 0)
			return &pw_letter_templates[i];
	return NULL;
}

const char *pw_letter_fill(struct pw_arena *a, const char *text, const char *const *vars, size_t n)
{
	struct pw_buf b;
	pw_buf_init(&b);
	const char *p = text;
	while (*p) {
		const char *open = strchr(p, '{');
		if (open == NULL) {
			pw_buf_puts(&b, p);
			break;
		}
		pw_buf_put(&b, p, (size_t)(open - p));
		const char *close = strchr(open, '}');
		const char *val = NULL;
		if (close)
			for (size_t i = 0; i < n && !val; i++)
				if (strlen(vars[2 * i]) == (size_t)(close - open - 1) &&
				    memcmp(vars[2 * i], open + 1, (size_t)(close - open - 1)) == 0)
					val = vars[2 * i + 1];
		if (val) {
			pw_buf_puts(&b, val);
			p = close + 1;
		} else {
			/* Not ours (or no closing brace): keep the brace as written. */
			pw_buf_putc(&b, '{');
			p = open + 1;
		}
	}
	const char *out = pw_strndup(a, b.data ? b.data : "", b.len);
	pw_buf_free(&b);
	return out;
}

int pw_letter_age(const char *birth, pw_day on)
{
	pw_day bd;
	if (birth == NULL || pw_day_parse(birth, &bd) != 0)
		return -1;
	int by, bm, bdd, y, m, d;
	pw_day_to_ymd(bd, &by, &bm, &bdd);
	pw_day_to_ymd(on, &y, &m, &d);
	int age = y - by;
	if (m < bm || (m == bm && d < bdd))
		age--;
	return age;
}

/* Whether hay contains needle, ASCII letters compared without case. */
static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

/* The records' own words that a parent may be informed (the import's
 * contactbeperking column is free text; these are the phrases schools use
 * for "this parent may get information"). Anything else in the text is a
 * restriction. */
static bool records_permit(const char *restriction)
{
	static const char *const ok[] = {"mag informatie", "mag worden geïnformeerd", "mag geïnformeerd",
					 "informatie mag", "recht op informatie"};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (contains(restriction, ok[i]))
			return true;
	return false;
}

void pw_letter_judge(const struct pw_parent_link *p, struct pw_letter_verdict *v)
{
	const char *r = p->restriction ? p->restriction : "";
	bool permit = r[0] && records_permit(r);
	*v = (struct pw_letter_verdict){.allowed = true};
	if (r[0] && !permit) {
		v->allowed = false;
		v->reason = r;
	} else if (!p->custody && !permit) {
		v->allowed = false;
		v->reason = "Deze ouder heeft geen gezag en de administratie vermeldt niet dat deze ouder "
			    "geïnformeerd mag worden.";
	} else if (r[0]) {
		v->note = r;
	}
}

enum pw_status pw_letter_recipients(struct pw_store *s, struct pw_arena *a, struct pw_loaded_case *lc, int64_t student,
				    struct pw_letter_recipient **out, size_t *n, int *age, struct pw_err *err)
{
	*out = NULL;
	*n = 0;
	*age = -1;
	if (pw_case_person(&lc->c, student) == NULL)
		return pw_err_field(err, PW_EINVAL, "student", "Kies een leerling van de casus.");
	struct pw_student st;
	char day[11];
	pw_day_format(lc->today, day);
	if (pw_store_student_get(s, a, student, day, &st, err) != PW_OK)
		return err->code;
	*age = pw_letter_age(st.birth_date, lc->today);
	struct pw_parent_link *links;
	size_t nl;
	if (pw_store_student_parents(s, a, student, &links, &nl, err) != PW_OK)
		return err->code;
	struct pw_letter_recipient *v = pw_calloc(a, nl + 1, sizeof *v);
	for (size_t i = 0; i < nl; i++) {
		v[i].link = links[i];
		pw_letter_judge(&links[i], &v[i].v);
	}
	*out = v;
	*n = nl;
	return PW_OK;
}

static const char *const MONTHS[12] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
				       "juli",    "augustus", "september", "oktober", "november", "december"};

const char *pw_letter_day(struct pw_arena *a, pw_day d)
{
	int y, m, md;
	pw_day_to_ymd(d, &y, &m, &md);
	struct pw_buf b;
	pw_buf_init(&b);
	pw_buf_printf(&b, "%d %s %d", md, MONTHS[(m >= 1 && m <= 12) ? m - 1 : 0], y);
	const char *out = pw_strndup(a, b.data, b.len);
	pw_buf_free(&b);
	return out;
}

/* The case's agreements as lines "- text (evaluatie rond 3 maart 2026)". */
static const char *agreements_text(struct pw_arena *a, struct pw_loaded_case *lc)
{
	struct pw_agreement_view *av;
	size_t na = pw_case_agreements(a, &lc->c, &av);
	if (na == 0)
		return NULL;
	struct pw_buf b;
	pw_buf_init(&b);
	for (size_t i = 0; i < na; i++) {
		pw_buf_printf(&b, "%s- %s", i ? "\n" : "", av[i].text);
		if (av[i].due_on)
			pw_buf_printf(&b, " (evaluatie rond %s)", pw_letter_day(a, av[i].due_on));
	}
	const char *out = pw_strndup(a, b.data, b.len);
	pw_buf_free(&b);
	return out;
}

/* The student's latest sanction that was not rejected: its rung's title and days. */
static const char *sanction_text(struct pw_arena *a, struct pw_loaded_case *lc, int64_t student)
{
	struct pw_sanction *sv;
	size_t ns = pw_sanctions_of_events(a, lc->p, lc->row.id, lc->c.events, lc->c.n_events, &sv);
	const struct pw_sanction *last = NULL;
	for (size_t i = 0; i < ns; i++)
		if (sv[i].student == student && sv[i].status != PW_SANCTION_REJECTED)
			last = &sv[i];
	if (last == NULL)
		return NULL;
	struct pw_buf b;
	pw_buf_init(&b);
	pw_buf_puts(&b, last->rung ? last->rung->titel : last->kind);
	if (last->start_on && last->end_on && last->end_on != last->start_on)
		pw_buf_printf(&b, ", van %s tot en met %s", pw_letter_day(a, last->start_on), pw_letter_day(a, last->end_on));
	else if (last->start_on)
		pw_buf_printf(&b, ", op %s", pw_letter_day(a, last->start_on));
	else if (last->on)
		pw_buf_printf(&b, " (%s)", pw_letter_day(a, last->on));
	const char *out = pw_strndup(a, b.data, b.len);
	pw_buf_free(&b);
	return out;
}

/* The parent link of parent to student, or PW_EINVAL naming "parent". */
static enum pw_status find_parent(struct pw_store *s, struct pw_arena *a, int64_t student, int64_t parent,
				  struct pw_parent_link *out, struct pw_err *err)
{
	struct pw_parent_link *links;
	size_t nl;
	if (pw_store_student_parents(s, a, student, &links, &nl, err) != PW_OK)
		return err->code;
	for (size_t i = 0; i < nl; i++)
		if (links[i].id == parent) {
			*out = links[i];
			return PW_OK;
		}
	return pw_err_field(err, PW_EINVAL, "parent", "Kies een ouder van deze leerling.");
}

enum pw_status pw_letter_preview(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
				 struct pw_loaded_case *lc, const char *key, int64_t student, int64_t parent,
				 const char **subject, const char **text, struct pw_err *err)
{
	const struct pw_letter_template *t = pw_letter_template(key);
	if (t == NULL)
		return pw_err_field(err, PW_EINVAL, "template", "template is informeren, afspraken of sanctie.");
	if (pw_case_person(&lc->c, student) == NULL)
		return pw_err_field(err, PW_EINVAL, "student", "Kies een leerling van de casus.");
	struct pw_parent_link p = {0};
	if (find_parent(s, a, student, parent, &p, err) != PW_OK)
		return err->code;
	char day[11];
	pw_day_format(lc->today, day);
	struct pw_student st;
	struct pw_school sc;
	if (pw_store_student_get(s, a, student, day, &st, err) != PW_OK ||
	    pw_store_school_by_id(s, a, lc->row.school_id, &sc, err) != PW_OK)
		return err->code;
	const char *ag = agreements_text(a, lc), *sa = sanction_text(a, lc, student);
	/* A letter about agreements or a sanction that the case does not have
	 * would be filled with nothing: say so instead. */
	if (strcmp(t->key, "afspraken") == 0 && ag == NULL)
		return pw_err_field(err, PW_EPROTOCOL, "template", "Er zijn in deze casus nog geen afspraken gemaakt.");
	if (strcmp(t->key, "sanctie") == 0 && sa == NULL)
		return pw_err_field(err, PW_EPROTOCOL, "template", "Er is voor deze leerling geen sanctie vastgelegd.");
	const char *vars[] = {"ouder",     p.name,          "leerling", pw_student_name(a, &st), "school", sc.name,
			      "datum",     pw_letter_day(a, lc->today), "afspraken", ag ? ag : "", "sanctie", sa ? sa : "",
			      "afzender",  actor->name ? actor->name : ""};
	size_t nv = sizeof vars / sizeof vars[0] / 2;
	*subject = pw_letter_fill(a, t->subject, vars, nv);
	*text = pw_letter_fill(a, t->text, vars, nv);
	return PW_OK;
}

static void release(struct pw_case_change *ch)
{
	for (size_t i = 0; i < ch->n; i++) {
		json_decref(ch->items[i].data);
		ch->items[i].data = NULL;
	}
}

enum pw_status pw_letter_send(struct pw_store *s, struct pw_arena *a, const struct pw_actor *actor,
			      struct pw_loaded_case *lc, const struct pw_letter_send *in, struct pw_letter *out,
			      struct pw_err *err)
{
	bool mail = in->channel && strcmp(in->channel, "mail") == 0;
	if (!mail && (in->channel == NULL || strcmp(in->channel, "brief") != 0))
		return pw_err_field(err, PW_EINVAL, "channel", "channel is mail of brief.");
	if (in->subject == NULL || in->subject[0] == '\0')
		return pw_err_field(err, PW_EINVAL, "subject", "Geef de brief een onderwerp.");
	if (in->text == NULL || in->text[0] == '\0')
		return pw_err_field(err, PW_EINVAL, "text", "De brief is leeg.");
	if (pw_cf_open_only(lc, err) != PW_OK)
		return err->code;
	struct pw_letter_recipient *rv;
	size_t nr;
	int age;
	if (pw_letter_recipients(s, a, lc, in->student, &rv, &nr, &age, err) != PW_OK)
		return err->code;
	const struct pw_letter_recipient *to = NULL;
	for (size_t i = 0; i < nr; i++)
		if (rv[i].link.id == in->parent)
			to = &rv[i];
	if (to == NULL)
		return pw_err_field(err, PW_EINVAL, "parent", "Kies een ouder van deze leerling.");
	if (!to->v.allowed)
		return pw_err_field(err, PW_EPROTOCOL, "parent", "Geen brief aan deze ouder: %s", to->v.reason);
	if (age >= PW_LETTER_CONSENT_AGE && !in->consent)
		return pw_err_field(err, PW_EPROTOCOL, "consent",
				    "De leerling is %d: ouders krijgen alleen bericht met toestemming van de leerling.", age);
	if (mail && strchr(to->link.email, '@') == NULL)
		return pw_err_field(err, PW_EINVAL, "channel", "Van deze ouder is geen e-mailadres bekend; kies brief.");

	/* The parent contact, built as the case form builds it, so the case's
	 * parents step counts the letter like any other contact. */
	struct pw_case_change ch;
	const char *summary = pw_letter_fill(a, "Brief aan {ouder}: {onderwerp}",
					     (const char *const[]){"ouder", to->link.name, "onderwerp", in->subject}, 2);
	if (pw_cf_parent_contact(a, lc, in->student, in->channel, summary, 0, &ch, err) != PW_OK)
		return err->code;
	/* What pw_case_record does, with the letter (and its mail) in the same
	 * transaction: a letter never goes out without its contact on the
	 * case, nor is a contact recorded for a letter that was not kept. */
	if (pw_access_case(actor, lc->p, &lc->facts, PW_CASE_WORK, NULL, err) != PW_OK || pw_store_begin(s, err) != PW_OK) {
		release(&ch);
		return err->code;
	}
	int64_t first = 0;
	lc->row.updated_at = pw_now();
	for (size_t i = 0; i < ch.n; i++) {
		enum pw_status st;
		if (ch.items[i].data == NULL) {
			st = pw_store_notice_add(s, ch.items[i].notice_user, lc->row.id, 0, ch.items[i].notice, err);
		} else {
			int64_t id = 0;
			st = pw_store_case_event_add(s, lc->row.id, actor->user_id, pw_event_kind_name(ch.items[i].kind),
						     ch.items[i].data, &id, err);
			ch.items[i].data = NULL;
			if (first == 0)
				first = id;
		}
		if (st != PW_OK)
			goto fail;
	}
	*out = (struct pw_letter){.case_id = lc->row.id,
				  .student_id = in->student,
				  .parent_id = in->parent,
				  .subject = in->subject,
				  .text = in->text,
				  .channel = mail ? "mail" : "brief",
				  .by = actor->user_id,
				  .at = lc->row.updated_at,
				  .parent_name = to->link.name,
				  .by_name = actor->name};
	if (pw_store_letter_add(s, out, to->link.email, err) != PW_OK || pw_store_case_update(s, &lc->row, err) != PW_OK ||
	    pw_store_audit_change(s, actor->user_id, "update", "case", lc->row.id, "parent_contact", err) != PW_OK ||
	    pw_store_audit_change(s, actor->user_id, "create", "letter", out->id, out->channel, err) != PW_OK)
		goto fail;
	return pw_store_commit(s, err);
fail:
	release(&ch);
	pw_store_rollback(s);
	return err->code;
}
