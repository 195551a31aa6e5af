/*
 * when.c - the date of an event from its sentence (see when.h).
 *
 * One left-to-right sweep over the folded tokens finds the date expressions
 * (at each token the matchers below try, in order: a weekday or a calendar
 * date, then a relative expression) and keeps track of clauses: ";", ":",
 * "but", "whereas" and ", and" / ", or" start a new clause; "which", "who",
 * "where", "because", "since", "until", "if", ", after", ", before",
 * ", while" ... open a subordinate clause that the next comma closes;
 * parentheses do the same until ")". A first sweep finds the clause of the
 * anchor, a second picks the expression nearest to it in that clause.
 * Dates are resolved by calendar arithmetic on the document date.
 */
#include "context/when.h"

#include <string.h>

/* ---- the calendar ---- */

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_len(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

/* yyyymmdd, or 0 when there is no such day. */
static int ymd(int y, int m, int d)
{
    if (y < 1 || y > 9999 || d < 1 || d > month_len(y, m))
        return 0;
    return y * 10000 + m * 100 + d;
}

static int date_ok(int v)
{
    return v > 0 && ymd(v / 10000, v / 100 % 100, v % 100) == v;
}

/* Days from civil (H. Hinnant's algorithm), valid for any year. */
long when_days(int yyyymmdd)
{
    long y = yyyymmdd / 10000, m = (yyyymmdd / 100) % 100, d = yyyymmdd % 100;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int when_from_days(long days)
{
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    return (int)(y * 10000 + m * 100 + d);
}

int when_weekday(int yyyymmdd)
{
    long d = when_days(yyyymmdd);
    return (int)(((d % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
}

static int add_days(int v, long k)
{
    return when_from_days(when_days(v) + k);
}

/* v moved by k months; the first of that month when first is set, else
 * the same day clamped to the month's length. */
static int add_months(int v, int k, int first)
{
    long t = (long)(v / 10000) * 12 + (v / 100 % 100 - 1) + k;
    if (t < 12)
        return 0;
    int y = (int)(t / 12), m = (int)(t % 12) + 1, d = v % 100;
    if (first)
        d = 1;
    else if (d > month_len(y, m))
        d = month_len(y, m);
    return ymd(y, m, d);
}

/* ---- words ---- */

typedef struct ctx {
    const char *const *w;
    int n;
    int doc;     /* document date */
    int doc_ok;  /* doc is a real date: relative expressions can resolve */
    int fut;     /* the verb is future or modal */
} ctx;

typedef struct cand {
    int t0, t1;
    int date;    /* 0: matched but no such day (February 30) */
    const char *rule;
    char gran;
} cand;

static const char *tk(const ctx *c, int i)
{
    return i >= 0 && i < c->n && c->w[i] ? c->w[i] : "";
}

static int is(const ctx *c, int i, const char *s)
{
    return strcmp(tk(c, i), s) == 0;
}

static int in_list(const char *w, const char *const *list)
{
    for (int k = 0; list[k]; k++)
        if (strcmp(w, list[k]) == 0)
            return 1;
    return 0;
}

static int is_in(const ctx *c, int i, const char *const *list)
{
    return in_list(tk(c, i), list);
}

/* A token that starts with a letter (not a number, not punctuation). */
static int is_word(const ctx *c, int i)
{
    unsigned char b = (unsigned char)tk(c, i)[0];
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b >= 0x80;
}

static const struct {
    const char *w;
    int m;
} month_words[] = {
    {"january", 1},   {"jan", 1},   {"jan.", 1},   {"february", 2}, {"feb", 2},
    {"feb.", 2},      {"march", 3}, {"mar", 3},    {"mar.", 3},     {"april", 4},
    {"apr", 4},       {"apr.", 4},  {"may", 5},    {"june", 6},     {"jun", 6},
    {"jun.", 6},      {"july", 7},  {"jul", 7},    {"jul.", 7},     {"august", 8},
    {"aug", 8},       {"aug.", 8},  {"september", 9}, {"sep", 9},   {"sep.", 9},
    {"sept", 9},      {"sept.", 9}, {"october", 10}, {"oct", 10},   {"oct.", 10},
    {"november", 11}, {"nov", 11},  {"nov.", 11},  {"december", 12}, {"dec", 12},
    {"dec.", 12},     {NULL, 0}};

static int month_num(const char *w)
{
    for (int k = 0; month_words[k].w; k++)
        if (strcmp(w, month_words[k].w) == 0)
            return month_words[k].m;
    return 0;
}

/* Month names that are also common words: the modal "may", the verb and
 * noun "march", the verb "mar". */
static int month_ambiguous(const char *w)
{
    return !strcmp(w, "may") || !strcmp(w, "march") || !strcmp(w, "mar");
}

static const char *const weekday_words[] = {"monday", "tuesday", "wednesday", "thursday",
                                            "friday", "saturday", "sunday", NULL};

static int weekday_num(const char *w)
{
    for (int k = 0; weekday_words[k]; k++)
        if (strcmp(w, weekday_words[k]) == 0)
            return k;
    return -1;
}

/* 1..31 for "5", "05", "5th", "21st"; else 0. */
static int day_num(const char *w)
{
    int v = 0, k = 0;
    while (w[k] >= '0' && w[k] <= '9') {
        v = v * 10 + (w[k] - '0');
        if (++k > 2)
            return 0;
    }
    if (k == 0)
        return 0;
    if (w[k] && strcmp(w + k, "st") && strcmp(w + k, "nd") && strcmp(w + k, "rd") &&
        strcmp(w + k, "th"))
        return 0;
    return v >= 1 && v <= 31 ? v : 0;
}

/* A plain number of 1 to 3 digits, else 0. */
static int small_num(const char *w)
{
    int v = 0, k = 0;
    while (w[k] >= '0' && w[k] <= '9') {
        v = v * 10 + (w[k] - '0');
        if (++k > 3)
            return 0;
    }
    return k && !w[k] ? v : 0;
}

/* A year 1900..2100 written with exactly four digits, else 0. */
static int year_num(const char *w)
{
    for (int k = 0; k < 4; k++)
        if (w[k] < '0' || w[k] > '9')
            return 0;
    if (w[4])
        return 0;
    int y = (w[0] - '0') * 1000 + (w[1] - '0') * 100 + (w[2] - '0') * 10 + (w[3] - '0');
    return y >= 1900 && y <= 2100 ? y : 0;
}

static const char *const number_words[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty", NULL};

static int count_num(const char *w)
{
    for (int k = 1; number_words[k]; k++)
        if (strcmp(w, number_words[k]) == 0)
            return k;
    return small_num(w);
}

/* Words before a day number or an ambiguous month that show a date
 * follows ("on 5 May", "the May 5 talks", "Friday, May 5"). */
static const char *const date_preps[] = {
    "on", "the", "since", "until", "till", "by", "from", "of", "between", "and", "to",
    "before", "after", "(", ",", "-", "early", "late", "mid", "around", "about", NULL};

/* Nouns of counting: "in 2000 air strikes", "march 5 km". */
static const char *const count_nouns[] = {
    "people", "civilians", "persons", "men", "women", "children", "cases", "attacks",
    "strikes", "airstrikes", "air", "deaths", "troops", "soldiers", "fighters",
    "refugees", "votes", "vetoes", "times", "dollars", "euros", "tonnes", "tons", "km",
    "kilometers", "kilometres", "miles", "meters", "metres", "feet", "rounds", "rockets",
    "missiles", "shells", "bombs", "sorties", "units", "homes", "houses", "villages",
    "members", "seats", "percent", "%", "per", NULL};

static int set(cand *k, int t0, int t1, int date, const char *rule, char gran)
{
    k->t0 = t0;
    k->t1 = t1;
    k->date = date;
    k->rule = rule;
    k->gran = gran;
    return t1;
}

/* ---- resolution against the document date ---- */

/* Month m, day d without a year: the latest occurrence on or before the
 * document date, or the first on or after it for a future verb (searching
 * a few years for February 29). */
static int md_date(const ctx *c, int m, int d)
{
    if (!c->doc_ok)
        return 0;
    int y0 = c->doc / 10000;
    for (int k = 0; k <= 8; k++) {
        int y = c->fut ? y0 + k : y0 - k;
        int v = ymd(y, m, d);
        if (v && (c->fut ? v >= c->doc : v <= c->doc))
            return v;
    }
    return 0;
}

/* Month m without a year: the first of the latest such month on or before
 * the document's month (future: on or after it). dir -1 / +1: strictly
 * before / after ("last June", "next June"); 0 with this_year: "this June". */
static int month_date(const ctx *c, int m, int dir, int this_year)
{
    if (!c->doc_ok)
        return 0;
    int y = c->doc / 10000, dm = c->doc / 100 % 100;
    if (this_year)
        return ymd(y, m, 1);
    if (dir < 0)
        y = m < dm ? y : y - 1;
    else if (dir > 0)
        y = m > dm ? y : y + 1;
    else if (c->fut)
        y = m >= dm ? y : y + 1;
    else
        y = m <= dm ? y : y - 1;
    return ymd(y, m, 1);
}

/* Weekday wd (0 = Monday): dir 0 follows the tense (on or before, on or
 * after for a future verb), -1 strictly before, +1 strictly after. */
static int weekday_date(const ctx *c, int wd, int dir)
{
    if (!c->doc_ok)
        return 0;
    int wdoc = when_weekday(c->doc);
    int back = (wdoc - wd + 7) % 7, fwd = (wd - wdoc + 7) % 7;
    if (dir < 0)
        return add_days(c->doc, -(back ? back : 7));
    if (dir > 0)
        return add_days(c->doc, fwd ? fwd : 7);
    return add_days(c->doc, c->fut ? fwd : -back);
}

/* The Saturday of a weekend: dir -1 "last weekend" (the weekend before the
 * current one), +1 "next weekend", 0 "this weekend", "over the weekend". */
static int weekend_date(const ctx *c, int dir)
{
    if (!c->doc_ok)
        return 0;
    int wdoc = when_weekday(c->doc); /* Saturday 5, Sunday 6 */
    int back = (wdoc - 5 + 7) % 7, fwd = (5 - wdoc + 7) % 7;
    if (dir < 0)
        return add_days(c->doc, -(back > 1 ? back : back + 7));
    if (dir > 0)
        return add_days(c->doc, fwd ? fwd : 7);
    if (wdoc >= 5 || !c->fut)
        return add_days(c->doc, -back);
    return add_days(c->doc, fwd);
}

/* ---- matchers: each returns the end of the expression starting at
 * token i (filling *k), or 0 ---- */

/* May an ambiguous month ("may", "march") be a month here? The month is
 * at mi, a day number next to it at di; after is the token after both.
 * "on May 5", "the May 5 talks", "Friday, 5 May", "May 5." and "the 5th
 * of May" are dates; "will march 5 km" and "5 may be killed" are not. */
static int ambiguous_ok(const ctx *c, int mi, int di, int after)
{
    if (mi < di)
        return mi == 0 || is_in(c, mi - 1, date_preps) ||
               weekday_num(tk(c, mi - 1)) >= 0 || !is_word(c, after);
    if (is(c, di + 1, "of") || !(tk(c, di)[0] && small_num(tk(c, di))))
        return 1; /* "the 5th of may", "5th may" */
    if (di > 0 && !is(c, di - 1, "the") &&
        (is_in(c, di - 1, date_preps) || weekday_num(tk(c, di - 1)) >= 0))
        return 1;
    return !is_word(c, after);
}

/* A bare month name ("in March", "mid-May", "the end of June"). */
static int bare_month_ok(const ctx *c, int i)
{
    static const char *const before[] = {"in", "during", "throughout", "early", "late",
                                         "mid", NULL};
    static const char *const parts[] = {"end", "start", "beginning", "middle", "month",
                                        "rest", "ides", "half", NULL};
    if (is_in(c, i - 1, before))
        return 1;
    if (is(c, i - 1, "-") && is(c, i - 2, "mid"))
        return 1;
    return is(c, i - 1, "of") && is_in(c, i - 2, parts);
}

/* A year named after a month without one: "in September last year" (1,
 * *dy the years from the document's), "in September that year" (2: the
 * narrative's year, unknown here), else 0. *len gets its tokens. */
static int year_after(const ctx *c, int i, int *dy, int *len)
{
    static const char *const which[] = {"same", "following", "previous", "next", NULL};
    if (is(c, i + 1, "year")) {
        *len = 2;
        *dy = is(c, i, "last") ? -1 : is(c, i, "this") ? 0 : is(c, i, "next") ? 1 : 9;
        if (*dy != 9)
            return 1;
        return is(c, i, "that") ? 2 : 0;
    }
    if (is(c, i, "the") && is_in(c, i + 1, which) && is(c, i + 2, "year")) {
        *len = 3;
        return 2;
    }
    if (is(c, i, "of") && is(c, i + 1, "that") && is(c, i + 2, "year")) {
        *len = 3;
        return 2;
    }
    return 0;
}

/* Month m (day d, 0 for the month alone) without a year, spanning
 * [i, e): the year from the document, or from the words after it. */
static int no_year(const ctx *c, int i, int e, int m, int d, cand *k)
{
    int dy = 0, len = 0, r = year_after(c, e, &dy, &len);
    char gran = d ? 'd' : 'm';
    if (r == 2)
        return set(k, i, e + len, 0, "explicit-no-year", gran);
    if (r == 1) {
        int y = c->doc / 10000 + dy;
        return set(k, i, e + len, c->doc_ok ? ymd(y, m, d ? d : 1) : 0, "explicit-no-year",
                   gran);
    }
    return set(k, i, e, d ? md_date(c, m, d) : month_date(c, m, 0, 0), "explicit-no-year",
               gran);
}

static int is_range(const ctx *c, int i)
{
    return is(c, i, "-") || is(c, i, "to") || is(c, i, "and");
}

/* Calendar dates: "december 5 , 2016", "dec. 5", "5 december 2016",
 * "5th of december", "december 5 - 6 , 2016", "2016 - 12 - 05",
 * "march 2016", "in march". */
static int match_date(const ctx *c, int i, cand *k)
{
    int y, m, d, j;
    const char *w = tk(c, i);

    if ((y = year_num(w)) && is(c, i + 1, "-") && (m = small_num(tk(c, i + 2))) >= 1 &&
        m <= 12 && is(c, i + 3, "-") && (d = small_num(tk(c, i + 4))) >= 1)
        return set(k, i, i + 5, ymd(y, m, d), "explicit", 'd');

    if ((m = month_num(w))) {
        j = i + 1;
        if (is(c, j, ".") && (day_num(tk(c, j + 1)) || year_num(tk(c, j + 1))))
            j++; /* "dec" "." "5" when the tokenizer split the period */
        if ((d = day_num(tk(c, j)))) {
            int e = j + 1;
            if (is_range(c, e) && day_num(tk(c, e + 1)))
                e += 2;
            if (is(c, e, ","))
                e++;
            if ((y = year_num(tk(c, e))))
                return set(k, i, e + 1, ymd(y, m, d), "explicit", 'd');
            e = j + 1;
            /* "in March 30 people died": the month alone */
            int in_month = (is(c, i - 1, "in") || is(c, i - 1, "during")) && is_word(c, e);
            if (!in_month && (!month_ambiguous(w) || ambiguous_ok(c, i, j, e)))
                return no_year(c, i, e, m, d, k);
        } else if ((y = year_num(tk(c, j)))) {
            return set(k, i, j + 1, ymd(y, m, 1), "month-year", 'm');
        }
        if (bare_month_ok(c, i))
            return no_year(c, i, i + 1, m, 0, k);
        return 0;
    }

    if ((d = day_num(w))) {
        j = i + 1;
        if (is_range(c, j) && day_num(tk(c, j + 1)))
            j += 2;
        if (is(c, j, "of"))
            j++;
        if (!(m = month_num(tk(c, j))))
            return 0;
        int e = j + 1;
        if (is(c, e, ",") && year_num(tk(c, e + 1)))
            e++;
        if ((y = year_num(tk(c, e))))
            return set(k, i, e + 1, ymd(y, m, d), "explicit", 'd');
        e = j + 1;
        if (!month_ambiguous(tk(c, j)) || ambiguous_ok(c, j, i, e))
            return no_year(c, i, e, m, d, k);
    }
    return 0;
}

/* "in 2015", "during 2015", "early 2015", "mid-2015", "the summer of 2015". */
static int match_year(const ctx *c, int i, cand *k)
{
    static const char *const before[] = {"in", "during", "throughout", "early", "late",
                                         "mid", NULL};
    static const char *const parts[] = {"spring", "summer", "autumn", "fall", "winter",
                                        "end", "start", "beginning", "middle", "half",
                                        "course", NULL};
    int y = year_num(tk(c, i));
    if (!y || is_in(c, i + 1, count_nouns))
        return 0;
    if (is_in(c, i - 1, before) || (is(c, i - 1, "-") && is(c, i - 2, "mid")) ||
        (is(c, i - 1, "of") && is_in(c, i - 2, parts)))
        return set(k, i, i + 1, ymd(y, 1, 1), "year", 'y');
    return 0;
}

/* A weekday, with the date that follows it ("Friday, December 5"). */
static int match_weekday(const ctx *c, int i, cand *k)
{
    static const char *const papers[] = {"times", "telegraph", "express", "mirror",
                                         "herald", "post", "independent", NULL};
    int wd = weekday_num(tk(c, i));
    if (wd < 0 || is(c, i - 1, "good") || is(c, i - 1, "black") ||
        (wd == 6 && is_in(c, i + 1, papers)))
        return 0;
    int j = is(c, i + 1, ",") ? i + 2 : i + 1;
    cand dk;
    if (match_date(c, j, &dk) && dk.gran == 'd')
        return set(k, i, dk.t1, dk.date, dk.rule, 'd');
    return set(k, i, i + 1, weekday_date(c, wd, 0), "weekday", 'd');
}

/* "N days ago": the count at i, the unit index in *u. */
static int ago_count(const ctx *c, int i, int *u)
{
    if (is(c, i, "a") || is(c, i, "an")) {
        if (is(c, i + 1, "few")) {
            *u = i + 2;
            return 3;
        }
        if (is(c, i + 1, "couple")) {
            *u = is(c, i + 2, "of") ? i + 3 : i + 2;
            return 2;
        }
        *u = i + 1;
        return 1;
    }
    if (is(c, i, "several") || is(c, i, "few")) {
        *u = i + 1;
        return 3;
    }
    if (is(c, i, "couple") && is(c, i + 1, "of")) {
        *u = i + 2;
        return 2;
    }
    *u = i + 1;
    return count_num(tk(c, i));
}

static int match_ago(const ctx *c, int i, cand *k)
{
    int u, n = ago_count(c, i, &u);
    if (n <= 0 || !is(c, u + 1, "ago"))
        return 0;
    const char *w = tk(c, u);
    size_t len = strlen(w);
    char unit[16];
    if (len == 0 || len >= sizeof unit)
        return 0;
    memcpy(unit, w, len + 1);
    if (len > 1 && unit[len - 1] == 's')
        unit[len - 1] = 0; /* "weeks" -> "week" */
    int date;
    char gran = 'd';
    if (!c->doc_ok)
        date = 0;
    else if (!strcmp(unit, "day"))
        date = add_days(c->doc, -n);
    else if (!strcmp(unit, "week"))
        date = add_days(c->doc, -7L * n), gran = 'w';
    else if (!strcmp(unit, "month"))
        date = add_months(c->doc, -n, 0), gran = 'm';
    else if (!strcmp(unit, "year"))
        date = add_months(c->doc, -12 * n, 0), gran = 'y';
    else if (!strcmp(unit, "decade"))
        date = add_months(c->doc, -120 * n, 0), gran = 'y';
    else if (!strcmp(unit, "hour"))
        date = add_days(c->doc, -(n / 24));
    else if (!strcmp(unit, "minute"))
        date = c->doc;
    else
        return 0;
    return set(k, i, u + 2, date, "ago", gran);
}

/* today, yesterday, last night, the day before, last/this/next week,
 * earlier this month, next year, last Friday, over the weekend, ... */
static int match_relative(const ctx *c, int i, cand *k)
{
    static const char *const not_after_before[] = {
        "the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "these",
        "those", "yesterday", NULL};
    static const char *const parts_of_day[] = {"morning", "afternoon", "evening", NULL};
    static const char *const weekend_preps[] = {"over", "at", "on", "during", "across",
                                                "throughout", NULL};
    const char *w = tk(c, i);
    int doc = c->doc;

    if (!strcmp(w, "today") || !strcmp(w, "tonight"))
        return set(k, i, i + 1, doc, "relative-day", 'd');
    if (!strcmp(w, "yesterday"))
        return set(k, i, i + 1, add_days(doc, -1), "relative-day", 'd');
    if (!strcmp(w, "tomorrow"))
        return set(k, i, i + 1, add_days(doc, 1), "relative-day", 'd');
    if (!strcmp(w, "the") && is(c, i + 1, "day")) {
        if (is(c, i + 2, "before") && is(c, i + 3, "yesterday"))
            return set(k, i, i + 4, add_days(doc, -2), "relative-day", 'd');
        if (is(c, i + 2, "after") && is(c, i + 3, "tomorrow"))
            return set(k, i, i + 4, add_days(doc, 2), "relative-day", 'd');
        if (is(c, i + 2, "before") && !is_in(c, i + 3, not_after_before) &&
            !day_num(tk(c, i + 3)) && !year_num(tk(c, i + 3)) && !month_num(tk(c, i + 3)) &&
            weekday_num(tk(c, i + 3)) < 0)
            return set(k, i, i + 3, add_days(doc, -1), "relative-day", 'd');
    }
    if (!strcmp(w, "the") && is(c, i + 2, "weekend") && is(c, i + 1, "previous"))
        return set(k, i, i + 3, weekend_date(c, -1), "relative-week", 'w');
    if (!strcmp(w, "the") && is(c, i + 1, "weekend") && is_in(c, i - 1, weekend_preps))
        return set(k, i, i + 2, weekend_date(c, 0), "relative-week", 'w');

    /* last / this / next / earlier this / later this / the previous + unit */
    int dir, u, this_ = 0;
    if (!strcmp(w, "last"))
        dir = -1, u = i + 1;
    else if (!strcmp(w, "next"))
        dir = 1, u = i + 1;
    else if (!strcmp(w, "this") && is(c, i + 1, "past"))
        dir = -1, u = i + 2; /* "this past weekend" */
    else if (!strcmp(w, "this"))
        dir = 0, u = i + 1, this_ = 1;
    else if ((!strcmp(w, "earlier") || !strcmp(w, "later")) && is(c, i + 1, "this"))
        dir = 0, u = i + 2;
    else if (!strcmp(w, "the") && is(c, i + 1, "previous"))
        dir = -1, u = i + 2;
    else
        return 0;
    const char *unit = tk(c, u);
    int wd, m;
    if (!strcmp(unit, "day") && dir < 0 && !this_ && u == i + 2)
        return set(k, i, u + 1, add_days(doc, -1), "relative-day", 'd'); /* the previous day */
    if (!strcmp(unit, "night") && dir < 0 && u == i + 1)
        return set(k, i, u + 1, add_days(doc, -1), "relative-day", 'd');
    if (in_list(unit, parts_of_day) && this_)
        return set(k, i, u + 1, doc, "relative-day", 'd');
    if (!strcmp(unit, "week"))
        return set(k, i, u + 1, add_days(doc, 7L * dir), "relative-week", 'w');
    if (!strcmp(unit, "weekend"))
        return set(k, i, u + 1, weekend_date(c, dir), "relative-week", 'w');
    if (!strcmp(unit, "month"))
        return set(k, i, u + 1, add_months(doc, dir, 1), "relative-month", 'm');
    if (!strcmp(unit, "year"))
        return set(k, i, u + 1, ymd(doc / 10000 + dir, 1, 1), "relative-year", 'y');
    if ((u == i + 1 || is(c, i + 1, "past")) && (wd = weekday_num(unit)) >= 0)
        return set(k, i, u + 1, weekday_date(c, wd, dir), "weekday", 'd');
    if (u == i + 1 && (m = month_num(unit)) && !day_num(tk(c, u + 1)) &&
        !year_num(tk(c, u + 1)) &&
        (!month_ambiguous(unit) || (!this_ && !is_word(c, u + 1))))
        return set(k, i, u + 1, month_date(c, m, dir, this_), "explicit-no-year", 'm');
    return 0;
}

/* The expression starting at token i, or 0. */
static int match(const ctx *c, int i, cand *k)
{
    int t1;
    if ((t1 = match_weekday(c, i, k)) || (t1 = match_date(c, i, k)) ||
        (t1 = match_year(c, i, k)) || (t1 = match_ago(c, i, k)) ||
        (t1 = match_relative(c, i, k))) {
        /* without a document date only dates with a year resolve */
        if (!c->doc_ok && strcmp(k->rule, "explicit") && strcmp(k->rule, "month-year") &&
            strcmp(k->rule, "year"))
            k->date = 0;
        return t1;
    }
    return 0;
}

/* "since 2011", "until next week", "every Friday": not the event's date. */
static int excluded(const ctx *c, int t0)
{
    static const char *const skip[] = {"since", "until", "till", "til", "every", "each",
                                       NULL};
    static const char *const mods[] = {"early", "late", "mid", "-", "the", "of", "start",
                                       "end", "beginning", "middle", "spring", "summer",
                                       "autumn", "fall", "winter", "first", "second",
                                       "half", "in", "on", NULL};
    int i = t0 - 1;
    while (i >= 0 && t0 - i <= 5 && is_in(c, i, mods))
        i--;
    return is_in(c, i, skip);
}

/* ---- clauses and the choice ---- */

typedef struct pick {
    int anchor;
    int want;            /* the anchor's clause (second sweep) */
    int have_after, have_before, have_first;
    cand after, before, first;
} pick;

static void consider(pick *p, const cand *k, int clause)
{
    if (p->anchor < 0) {
        if (!p->have_first)
            p->first = *k, p->have_first = 1;
        return;
    }
    if (clause != p->want)
        return;
    if (k->t0 > p->anchor) {
        if (!p->have_after)
            p->after = *k, p->have_after = 1;
    } else if (k->t1 <= p->anchor) {
        p->before = *k, p->have_before = 1;
    }
}

static int hard_break(const ctx *c, int i)
{
    static const char *const coord[] = {"and", "or", "but", NULL};
    if (is(c, i, ";") || is(c, i, "but") || is(c, i, "whereas"))
        return 1;
    if (is(c, i, ",") && is_in(c, i + 1, coord))
        return 1;
    return is(c, i, ":") && !(small_num(tk(c, i - 1)) && small_num(tk(c, i + 1)));
}

static int opens_sub(const ctx *c, int i)
{
    static const char *const openers[] = {"which", "who", "whom", "whose", "where",
                                          "because", "although", "though", "since",
                                          "until", "till", "if", "unless", NULL};
    static const char *const comma_openers[] = {"after", "before", "while", NULL};
    return is_in(c, i, openers) || (is_in(c, i, comma_openers) && is(c, i - 1, ","));
}

/* Walk the sentence: expressions go to p (when set) with their clause; the
 * anchor's clause is returned. */
static int sweep(const ctx *c, pick *p, int anchor)
{
    int clause = 0, main_clause = 0, next_id = 1, in_sub = 0, paren = 0, saved = 0;
    int anchor_clause = -1;
    int i = 0;
    while (i < c->n) {
        cand k;
        int t1 = match(c, i, &k);
        if (t1 > i) {
            if (p && k.date && !excluded(c, i))
                consider(p, &k, clause);
            if (anchor >= i && anchor < t1)
                anchor_clause = clause;
            i = t1;
            continue;
        }
        if (paren) {
            if (is(c, i, ")"))
                clause = saved, paren = 0;
        } else if (hard_break(c, i)) {
            main_clause = clause = next_id++;
            in_sub = 0;
        } else if (is(c, i, "(")) {
            saved = clause;
            clause = next_id++;
            paren = 1;
        } else if (in_sub && is(c, i, ",")) {
            clause = main_clause;
            in_sub = 0;
        } else if (!in_sub && opens_sub(c, i)) {
            clause = next_id++;
            in_sub = 1;
        }
        if (i == anchor)
            anchor_clause = clause;
        i++;
    }
    return anchor_clause;
}

int when_resolve(const char *const *norms, int n, int anchor, int doc_date, int tense_future,
                 when_result *out)
{
    when_result none = {0, NULL, -1, -1, 0, 0};
    if (!out)
        return 0;
    *out = none;
    if (!norms || n <= 0)
        return 0;
    ctx c = {norms, n, doc_date, date_ok(doc_date), tense_future != 0};
    pick p;
    memset(&p, 0, sizeof p);
    p.anchor = anchor >= 0 && anchor < n ? anchor : -1;
    if (p.anchor >= 0)
        p.want = sweep(&c, NULL, p.anchor);
    sweep(&c, &p, p.anchor);

    const cand *k = NULL;
    if (p.anchor < 0)
        k = p.have_first ? &p.first : NULL;
    else if (p.have_after && p.after.t0 - p.anchor - 1 <= 8)
        k = &p.after;
    else if (p.have_before)
        k = &p.before;
    else if (p.have_after)
        k = &p.after;
    if (!k)
        return 0;
    out->date = k->date;
    out->rule = k->rule;
    out->t0 = k->t0;
    out->t1 = k->t1;
    out->granularity = k->gran;
    out->future = c.doc_ok && k->date > doc_date;
    return 1;
}
