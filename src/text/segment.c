/*
 * segment.c - the tokenizer and sentence splitter (see segment.h).
 *
 * Rules, in order: a blank line ends a paragraph and a sentence; a short
 * line that ends without punctuation and is followed by a line break is a
 * headline and ends a sentence; '.', '!', '?' (and '...') end a sentence
 * when the next word starts with an upper-case letter, a digit or a quote,
 * unless the period belongs to an abbreviation ("Gen.", "U.S."), an initial
 * ("J.") or a number. A sentence glued to the next ("foreigners.Velayati")
 * is split too; '?' and '!' also end one before a lower-case word, so
 * does a period glued to a plain word of three letters or more, and any
 * stop before '(' or '['. A dateline glued to the text ("... AFP Friday 24
 * Jul 2015 Turkish warplanes ...", "Date of publication 20 June 2016 An
 * ...") is a segment of its own (see "datelines" below), so is a leading
 * tag list ("Tags Syria Idlib ...", see "tag lists").
 *
 * Tokens follow UD's English Web Treebank: clitics apart from their host
 * ('s 're 'll 've 'm 'd n't, marked SEG_CLITIC), hyphens apart except in
 * e-mail and phone numbers, and URLs, e-mail addresses, file and domain
 * names, times, slashed dates, emoticons and runs of punctuation ("!!",
 * "--", "....") whole; a run's norm is what the coder reads ("-", "!").
 */
#include "text/segment.h"
#include "text/text.h"

#include <string.h>

static const char *const abbrevs[] = {
    "mr", "mrs", "ms", "dr", "gen", "maj", "lt", "col", "capt", "cpt", "sgt",
    "adm", "brig", "cmdr", "cdr", "gov", "sen", "rep", "rev", "prof", "st",
    "jr", "sr", "inc", "ltd", "corp", "co", "vs", "etc", "no", "nos", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mt", "ft", "pres", "amb", "dept", "gov", "fig", "approx", "est",
    "sheikh", "hon", "messrs", "mme", "mlle", "gens", "pvt", "cpl", "u.s",
    "u.k", "u.n", "e.u", "e.g", "i.e", "a.m", "p.m", "d.c", "u.a.e", "u.s.a",
    NULL};

int seg_is_abbrev(const char *w, size_t n)
{
    for (int i = 0; abbrevs[i]; i++)
        if (strlen(abbrevs[i]) == n && memcmp(abbrevs[i], w, n) == 0)
            return 1;
    return 0;
}

typedef struct tokvec {
    seg_token *v;
    int n, cap;
} tokvec;

static int tv_push(mem_arena *a, tokvec *tv, seg_token t)
{
    if (tv->n == tv->cap) {
        int cap = tv->cap ? tv->cap * 2 : 256;
        seg_token *v = mem_arena_alloc(a, sizeof *v * (size_t)cap);
        if (!v)
            return -1;
        if (tv->n)
            memcpy(v, tv->v, sizeof *v * (size_t)tv->n);
        tv->v = v;
        tv->cap = cap;
    }
    tv->v[tv->n++] = t;
    return 0;
}

static int cp_at(const char *s, size_t len, size_t i, size_t *k)
{
    int cp;
    *k = text_decode(s + i, len - i, &cp);
    return cp;
}

/* ---- tokens of their own kind (as UD's English Web Treebank has them):
 * URLs, e-mail addresses, domain and file names, times, dates, phone
 * numbers, emoticons and runs of punctuation. Each returns the length of
 * the token at i, or 0. */

static int is_ascii_alnum(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* 1 if the token ending at j is not glued to a letter or digit. */
static int ends_clean(const char *s, size_t to, size_t j)
{
    if (j >= to)
        return 1;
    size_t k;
    return !text_is_alnum(cp_at(s, to, j, &k));
}

/* 1 if s[0..n) starts with the lower-case ASCII w, in any case. */
static int starts_with_ci(const char *s, size_t n, const char *w)
{
    size_t m = strlen(w);
    if (n < m)
        return 0;
    for (size_t i = 0; i < m; i++)
        if ((s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]) != w[i])
            return 0;
    return 1;
}

/* http://, https://, ftp://, www. to the next space, less the punctuation
 * that ends a sentence or closes a bracket after it. */
static size_t url_len(const char *s, size_t to, size_t i)
{
    static const char *const starts[] = {"http://", "https://", "ftp://", "www.", NULL};
    size_t lead = 0;
    for (int k = 0; starts[k] && !lead; k++)
        if (starts_with_ci(s + i, to - i, starts[k]))
            lead = strlen(starts[k]);
    if (!lead)
        return 0;
    size_t j = i;
    while (j < to && (unsigned char)s[j] > ' ' && (unsigned char)s[j] < 0x80 &&
           !strchr("\"<>", s[j]))
        j++;
    while (j > i + lead && strchr(".,;:!?)]'", s[j - 1]))
        j--;
    return j > i + lead ? j - i : 0;
}

/* name@domain (also @domain): the name may hold . _ % + - */
static size_t email_len(const char *s, size_t to, size_t i)
{
    size_t j = i;
    while (j < to && (is_ascii_alnum(s[j]) || (j > i && strchr("._%+-", s[j]))))
        j++;
    if (j >= to || s[j] != '@')
        return 0;
    size_t d = ++j;
    while (j < to && (is_ascii_alnum(s[j]) || strchr(".-_", s[j])))
        j++;
    while (j > d && (s[j - 1] == '.' || s[j - 1] == '-'))
        j--;
    if (j == d || !is_ascii_alnum(s[d]) || !ends_clean(s, to, j))
        return 0;
    return j - i;
}

/* Segments of letters, digits, _ and inner - joined by single periods:
 * a file or domain name when it ends in a known suffix, or when it has
 * three or more segments none upper-case (alt.animals.cats). */
static size_t domain_len(const char *s, size_t to, size_t i)
{
    static const char *const ends[] = {
        "com", "net", "org", "edu", "gov", "mil", "info", "biz", "uk", "htm",
        "html", "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "asp",
        "aspx", "php", "jpg", "jpeg", "gif", "png", "zip", "exe", "mp3", "rtf",
        "csv", NULL};
    size_t j = i, last = i;
    int segs = 0, upper = 0;
    for (;;) {
        size_t a = j;
        while (j < to && (is_ascii_alnum(s[j]) || s[j] == '_' ||
                          (s[j] == '-' && j > a && j + 1 < to && is_ascii_alnum(s[j + 1]))))
            upper |= s[j] >= 'A' && s[j] <= 'Z', j++;
        if (j == a)
            return 0;
        segs++, last = a;
        if (!(j + 1 < to && s[j] == '.' && is_ascii_alnum(s[j + 1])))
            break;
        j++;
    }
    if (segs < 2 || !ends_clean(s, to, j))
        return 0;
    for (int k = 0; ends[k]; k++)
        if (strlen(ends[k]) == j - last && starts_with_ci(s + last, j - last, ends[k]))
            return j - i;
    return segs >= 3 && !upper && !is_digit(s[last]) ? j - i : 0;
}

/* Digit groups joined by one kind of separator: times (08:02, 3:14:14),
 * dates and fractions (08/16/2000, 9/11), phone numbers (713-853-3989,
 * 345-9945, 1-800-991-9019); not dates with '-' (2016-11-23, read by
 * when.c) nor ranges. */
static size_t numeric_len(const char *s, size_t to, size_t i)
{
    size_t j = i, g[8];
    int n = 0;
    char sep = 0;
    for (;;) {
        size_t a = j;
        while (j < to && is_digit(s[j]))
            j++;
        g[n++] = j - a;
        if (n == 8 || !(j + 1 < to && strchr(":/-", s[j]) && is_digit(s[j + 1]) &&
                        (!sep || sep == s[j])))
            break;
        sep = s[j++];
    }
    if (n < 2 || g[0] == 0 || !ends_clean(s, to, j) ||
        (j + 1 < to && (s[j] == '.' || s[j] == ',') && is_digit(s[j + 1])))
        return 0;
    int ok = 1;
    if (sep == ':') {
        ok = n <= 3 && g[0] <= 2;
        for (int k = 1; k < n; k++)
            ok &= g[k] == 2;
    } else if (sep == '-') {
        int first = g[0] == 1 && n >= 3 ? 1 : 0;
        ok = g[first] == 3 && g[n - 1] >= 4;
        for (int k = first + 1; k < n; k++)
            ok &= g[k] >= 3;
    } else {
        ok = n <= 3;
    }
    return ok ? j - i : 0;
}

/* :) :-) ;) :( :D :P after a space, before a non-letter. */
static size_t emoticon_len(const char *s, size_t from, size_t to, size_t i)
{
    if ((s[i] != ':' && s[i] != ';') || (i > from && s[i - 1] != ' '))
        return 0;
    size_t j = i + 1;
    if (j < to && s[j] == '-')
        j++;
    if (j >= to || !strchr(")(DP", s[j]))
        return 0;
    return ends_clean(s, to, j + 1) ? j + 1 - i : 0;
}

/* Two or more of . ! ? ("!!", "?!", "...."), or of one of - = * _ ~ # $ <
 * > + (- and = mixed): one token. */
static size_t punct_run_len(const char *s, size_t to, size_t i)
{
    const char *cls = strchr(".!?", s[i]) ? ".!?" : strchr("-=", s[i]) ? "-=" : NULL;
    size_t j = i + 1;
    if (cls)
        while (j < to && strchr(cls, s[j]))
            j++;
    else if (strchr("*_~#$<>+", s[i]))
        while (j < to && s[j] == s[i])
            j++;
    return j - i >= 2 ? j - i : 0;
}

/* The norm of a punctuation run: what the coder reads for it ("--" is a
 * dash, "!!" a "!", "...." an ellipsis). */
static const char *punct_run_norm(mem_arena *a, const char *s, size_t n)
{
    size_t dashes = 0, dots = 0;
    for (size_t k = 0; k < n; k++)
        dashes += s[k] == '-', dots += s[k] == '.';
    if (dashes == n)
        return "-";
    if (dots == n)
        return "...";
    if (s[0] == '!' || s[0] == '?')
        return s[0] == '!' ? "!" : "?";
    return text_fold(a, s, n);
}

/* A token of its own kind at i: its length and *flags (SEG_WORD or
 * SEG_PUNCT, with *run set for a run of punctuation); 0 if none. */
static size_t special_len(const char *s, size_t from, size_t to, size_t i,
                          unsigned *flags, int *run)
{
    size_t n;
    *flags = SEG_WORD;
    *run = 0;
    if (s[i] == '\0' || (unsigned char)s[i] >= 0x80)
        return 0;
    if ((n = url_len(s, to, i)) || (n = email_len(s, to, i)) ||
        (n = domain_len(s, to, i)) || (is_digit(s[i]) && (n = numeric_len(s, to, i))))
        return n;
    *flags = SEG_PUNCT;
    if ((n = emoticon_len(s, from, to, i)))
        return n;
    n = punct_run_len(s, to, i);
    *run = n > 0;
    return n;
}

/* Push the token of its own kind at i, if there is one: 1, 0 if none,
 * -1 when memory runs out. */
static int push_special(mem_arena *a, const char *s, size_t from, size_t to,
                        size_t i, tokvec *tv, size_t *next)
{
    unsigned flags;
    int run;
    size_t n = special_len(s, from, to, i, &flags, &run);
    if (!n)
        return 0;
    seg_token t = {i, i + n, NULL, flags};
    if (flags & SEG_WORD && s[i] >= 'A' && s[i] <= 'Z')
        t.flags |= SEG_CAP;
    t.norm = run ? punct_run_norm(a, s + i, n) : text_fold(a, s + i, n);
    if (!t.norm || tv_push(a, tv, t) < 0)
        return -1;
    *next = i + n;
    return 1;
}

/* Length of the clitic after an apostrophe at s[j] ('s 're 'll 've 'm
 * 'd: the letters only) when no letter follows it; 0 if none. */
static size_t clitic_len(const char *s, size_t to, size_t j)
{
    static const char *const clitics[] = {"s", "re", "ll", "ve", "m", "d", NULL};
    for (int k = 0; clitics[k]; k++) {
        size_t n = strlen(clitics[k]);
        if (starts_with_ci(s + j, to - j, clitics[k]) &&
            (j + n >= to || !text_is_alnum((unsigned char)s[j + n])))
            return n;
    }
    return 0;
}

/* Length of the word starting at i: letters, digits, inner apostrophes
 * (O'Brien), inner periods (U.S, 3.5) and inner commas in numbers (1,000). */
static size_t word_len(const char *s, size_t len, size_t i)
{
    size_t j = i, k;
    while (j < len) {
        int cp = cp_at(s, len, j, &k);
        if (text_is_alnum(cp)) {
            j += k;
            continue;
        }
        if ((cp == '.' || cp == ',' || cp == '\'' || cp == 0x2019) &&
            j + k < len) {
            size_t k2;
            int nx = cp_at(s, len, j + k, &k2);
            if (!text_is_alnum(nx))
                break;
            if (cp == ',' &&
                !((unsigned char)s[j - 1] >= '0' && (unsigned char)s[j - 1] <= '9' &&
                  nx >= '0' && nx <= '9'))
                break;
            if (cp == '.') {
                /* inner periods: numbers (3.5) and short dotted
                 * abbreviations (U.S, e.g, a.m); "end.Next" is two words */
                int digits = s[j - 1] >= '0' && s[j - 1] <= '9' &&
                             nx >= '0' && nx <= '9';
                size_t seg = 0;
                while (j - seg > i && s[j - seg - 1] != '.')
                    seg++;
                if (!digits && seg > 2)
                    break;
            }
            if (cp == '\'' || cp == 0x2019) {
                /* 's 're 'll 've 'm 'd and n't are tokens of their own */
                if (clitic_len(s, len, j + k))
                    break;
            }
            j += k;
            continue;
        }
        break;
    }
    return j - i;
}

static int is_lower_ascii_word(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!(s[i] >= 'a' && s[i] <= 'z'))
            return 0;
    return n > 0;
}

/* Tokenize s[from..to) of the text into tv. */
static int tokenize(mem_arena *a, const char *s, size_t from, size_t to,
                    tokvec *tv)
{
    size_t i = from, k;
    while (i < to) {
        int cp = cp_at(s, to, i, &k);
        if (text_is_space(cp)) {
            i += k;
            continue;
        }
        size_t next;
        int sp = push_special(a, s, from, to, i, tv, &next);
        if (sp < 0)
            return -1;
        if (sp) {
            i = next;
            continue;
        }
        seg_token t = {i, i + k, NULL, 0};
        if (text_is_alnum(cp)) {
            size_t n = word_len(s, to, i);
            if (n == 1 && (cp == 'e' || cp == 'E') && i + 2 < to && s[i + 1] == '-' &&
                is_ascii_alnum(s[i + 2]))
                n = 2 + word_len(s, to, i + 2); /* e-mail */
            /* split n't */
            if (n > 3 && (s[i + n - 3] == 'n' || s[i + n - 3] == 'N') &&
                s[i + n - 2] == '\'' && (s[i + n - 1] == 't' || s[i + n - 1] == 'T'))
                n -= 3;
            else if (n > 5 && (s[i + n - 5] == 'n' || s[i + n - 5] == 'N') &&
                     memcmp(s + i + n - 4, "\xE2\x80\x99", 3) == 0 &&
                     (s[i + n - 1] == 't' || s[i + n - 1] == 'T'))
                n -= 5;
            t.end = i + n;
            t.flags = SEG_WORD;
            if (text_is_upper(cp))
                t.flags |= SEG_CAP;
            /* attach the period of an abbreviation or an initial */
            if (t.end < to && s[t.end] == '.') {
                char *f = text_fold(a, s + i, n);
                if (!f)
                    return -1;
                int initial = n == 1 || (n <= 2 && text_is_upper(cp) && k == n);
                int dotted = memchr(s + i, '.', n) != NULL;
                if (seg_is_abbrev(f, n) || (initial && text_is_upper(cp)) ||
                    (dotted && !is_lower_ascii_word(f, n))) {
                    t.end++;
                    t.flags |= SEG_ABBR;
                }
            }
        } else if (cp == 0x2026) {
            t.flags = SEG_PUNCT;
        } else if ((cp == '\'' || cp == 0x2019) && i + k < to && clitic_len(s, to, i + k) &&
                   tv->n && tv->v[tv->n - 1].end == i) {
            t.end = i + k + clitic_len(s, to, i + k); /* 's 're 'll 've 'm 'd */
            t.flags = SEG_WORD | SEG_CLITIC;
        } else {
            t.flags = SEG_PUNCT;
            if (text_is_quote(cp))
                t.flags |= SEG_QUOTE;
        }
        t.norm = text_fold(a, s + t.start, t.end - t.start);
        if (!t.norm || tv_push(a, tv, t) < 0)
            return -1;
        i = t.end;
        /* after a word that lost its n't, emit n't */
        if ((t.flags & SEG_WORD) && i < to && (s[i] == 'n' || s[i] == 'N')) {
            size_t e = 0;
            if (i + 2 < to && s[i + 1] == '\'' && (s[i + 2] == 't' || s[i + 2] == 'T'))
                e = 3;
            else if (i + 4 < to && memcmp(s + i + 1, "\xE2\x80\x99", 3) == 0 &&
                     (s[i + 4] == 't' || s[i + 4] == 'T'))
                e = 5;
            if (e && (i + e >= to || !text_is_alnum((unsigned char)s[i + e]))) {
                seg_token nt = {i, i + e, "n't", SEG_WORD | SEG_CLITIC};
                if (tv_push(a, tv, nt) < 0)
                    return -1;
                i += e;
            }
        }
    }
    return 0;
}

static int is_terminal(const seg_token *t, const char *s)
{
    if (!(t->flags & SEG_PUNCT))
        return 0;
    char c = s[t->start];
    return c == '.' || c == '!' || c == '?' ||
           (t->end - t->start == 3 && memcmp(s + t->start, "\xE2\x80\xA6", 3) == 0);
}

static int is_closer(const seg_token *t, const char *s)
{
    if (t->flags & SEG_QUOTE)
        return 1;
    char c = s[t->start];
    return (t->flags & SEG_PUNCT) && (c == ')' || c == ']');
}

typedef struct sentvec {
    seg_sentence *v;
    int n, cap;
} sentvec;

static int sv_push(mem_arena *a, sentvec *sv, seg_sentence x)
{
    if (sv->n == sv->cap) {
        int cap = sv->cap ? sv->cap * 2 : 32;
        seg_sentence *v = mem_arena_alloc(a, sizeof *v * (size_t)cap);
        if (!v)
            return -1;
        if (sv->n)
            memcpy(v, sv->v, sizeof *v * (size_t)sv->n);
        sv->v = v;
        sv->cap = cap;
    }
    sv->v[sv->n++] = x;
    return 0;
}

static int emit(mem_arena *a, sentvec *sv, const tokvec *tv, int t0, int t1,
                int para)
{
    while (t1 - t0 > SEG_MAX_TOKENS) {
        seg_sentence x = {tv->v[t0].start, tv->v[t0 + SEG_MAX_TOKENS - 1].end,
                          t0, SEG_MAX_TOKENS, para, 0, 0};
        if (sv_push(a, sv, x) < 0)
            return -1;
        t0 += SEG_MAX_TOKENS;
    }
    if (t1 <= t0)
        return 0;
    seg_sentence x = {tv->v[t0].start, tv->v[t1 - 1].end, t0, t1 - t0, para, 0, 0};
    return sv_push(a, sv, x);
}

/* ---- datelines ----
 * News pages glue a dateline to the text around it: "... in Syria Monitor
 * AFP Friday 24 Jul 2015 Turkish warplanes killed ...", "Date of
 * publication 20 June 2016 An Islamic State counteroffensive ...". A full
 * date (day, month and year, in either order, or DD-MM-YYYY, with an
 * optional weekday and "Date of publication"/"Published"/"Updated"
 * before it) that is followed by a capitalised word and not preceded by a
 * lower-case word ("on 24 July 2015 Turkish ...") is a segment of its own. */
static const char *const month_words[] = {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", NULL};
static const char *const weekday_words[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", NULL};
static const char *const dateline_lead[] = {"published", "updated", "publication", NULL};
static const char *const date_preps[] = {"on", "in", "since", "until", "till", "from", "by",
                                         "before", "after", "of", "as", "at", "to", "and",
                                         "between", "through", "during", "for", NULL};

/* 1 if token t is one of the (lower-case, non-empty) words ws, in any
 * case; the first byte is compared before the lengths (this runs for
 * every token of every line). */
int seg_token_is(const char *s, const seg_token *t, const char *const *ws)
{
    size_t n = t->end - t->start;
    if (n == 0)
        return 0;
    char c = s[t->start] >= 'A' && s[t->start] <= 'Z' ? (char)(s[t->start] + 32) : s[t->start];
    for (int k = 0; ws[k]; k++)
        if (ws[k][0] == c && strlen(ws[k]) == n && starts_with_ci(s + t->start, n, ws[k]))
            return 1;
    return 0;
}

static int tok_digits(const char *s, const seg_token *t, size_t lo, size_t hi)
{
    size_t n = t->end - t->start;
    for (size_t k = 0; k < n; k++)
        if (!is_digit((unsigned char)s[t->start + k]))
            return 0;
    return n >= lo && n <= hi;
}

/* The end of a full date starting at token i, or -1. */
static int date_end(const char *s, const tokvec *tv, int i, int t1)
{
    const seg_token *v = tv->v;
    if (i < t1 && seg_token_is(s, &v[i], weekday_words))
        i++;
    if (i + 2 < t1 && tok_digits(s, &v[i], 1, 2) && seg_token_is(s, &v[i + 1], month_words) &&
        tok_digits(s, &v[i + 2], 4, 4))
        return i + 3; /* 24 Jul 2015 */
    int k = i + 2 < t1 && s[v[i + 2].start] == ',' ? 1 : 0;
    if (i + 2 + k < t1 && seg_token_is(s, &v[i], month_words) && tok_digits(s, &v[i + 1], 1, 4) &&
        tok_digits(s, &v[i + 2 + k], 4, 4))
        return i + 3 + k; /* Aug 31 2013, October 10, 2014 */
    if (i + 1 < t1 && seg_token_is(s, &v[i], month_words) && tok_digits(s, &v[i + 1], 5, 6))
        return i + 2; /* Oct 042017: day and year run together, as some pages print them */
    if (i + 4 < t1 && tok_digits(s, &v[i], 1, 2) && s[v[i + 1].start] == '-' &&
        tok_digits(s, &v[i + 2], 1, 2) && s[v[i + 3].start] == '-' &&
        tok_digits(s, &v[i + 4], 4, 4))
        return i + 5; /* 15-11-2014 */
    return -1;
}

static int tok_is(const char *s, const seg_token *t, const char *w)
{
    size_t n = t->end - t->start;
    return strlen(w) == n && starts_with_ci(s + t->start, n, w);
}

/* If a dateline starts at token i of [t0, t1): its end, and in *from the
 * token it starts at (its "Published" or "Date of publication"); else -1. */
static int dateline_at(const char *s, const tokvec *tv, int t0, int i, int t1, int *from)
{
    const seg_token *v = tv->v;
    int e = date_end(s, tv, i, t1);
    if (e < 0 || e >= t1 || !(v[e].flags & SEG_CAP) || seg_token_is(s, &v[e], month_words) ||
        seg_token_is(s, &v[e], weekday_words))
        return -1;
    int f = i;
    /* "Last updated at Oct 042017", "Published on 10 October 2014" */
    if (f - 1 > t0 && (tok_is(s, &v[f - 1], "at") || tok_is(s, &v[f - 1], "on")) &&
        seg_token_is(s, &v[f - 2], dateline_lead)) {
        f -= 2;
        if (f > t0 && tok_is(s, &v[f - 1], "last"))
            f--;
        *from = f;
        return e;
    }
    if (f > t0 && seg_token_is(s, &v[f - 1], dateline_lead)) {
        f--;
        if (f - 2 >= t0 && starts_with_ci(s + v[f - 2].start, 4, "date") &&
            v[f - 2].end - v[f - 2].start == 4 && starts_with_ci(s + v[f - 1].start, 2, "of"))
            f -= 2;
    } else if (f > t0 && (v[f - 1].flags & SEG_WORD) &&
               (!(v[f - 1].flags & SEG_CAP) || seg_token_is(s, &v[f - 1], date_preps))) {
        return -1; /* "on 24 July 2015 Turkish ...": part of the sentence */
    }
    *from = f;
    return e;
}

/* ---- tag lists ----
 * News pages open an article with its tags: "Tags Syria Idlib Russia
 * airstrikes Syrian regime Bashar Assad Airstrikes on a rebel-held village
 * ...". After a leading "Tags", the list runs to the first function word
 * ("on", "the", "to", ...): prose begins at the last capitalised word of
 * the three before it. */
static const char *const function_words[] = {
    "the", "a", "an", "on", "in", "of", "to", "at", "for", "by", "with", "from", "has",
    "have", "had", "is", "are", "was", "were", "will", "said", "says", NULL};

static int tag_list_end(const char *s, const tokvec *tv, int t0, int t1)
{
    const seg_token *v = tv->v;
    if (t1 - t0 < 4 || v[t0].end - v[t0].start != 4 || memcmp(s + v[t0].start, "Tags", 4) ||
        !(v[t0 + 1].flags & SEG_CAP))
        return -1;
    for (int f = t0 + 3; f < t1; f++) {
        if (!seg_token_is(s, &v[f], function_words))
            continue;
        for (int i = f - 1; i >= f - 3 && i > t0 + 1; i--)
            if (v[i].flags & SEG_CAP)
                return i; /* the last capitalised word before it */
        return -1;
    }
    return t1; /* no prose after it: the whole line is the list */
}

/* ---- wire headers ----
 * A wire story opens with where it was filed and by whom, glued to its
 * first sentence: "JABALYA REFUGEE CAMP, Gaza Strip (Reuters) -
 * Palestinians sifted ...", "Reuters - Thai Prime Minister ...",
 * "LONDON, Oct. 17 -- The US-led war ...", a transcript's "TONY EASTLEY:
 * An Australian journalist ...". Such a header is a segment of its own, so
 * the sentence after it is parsed as a sentence. It is a run of at most
 * 12 tokens from the start of the line: it opens with a word in capitals
 * or a news agency's name (wire_agencies), holds only capitalised words,
 * numbers, commas, periods and one bracketed agency, and ends in a dash
 * set off by spaces (or, all in capitals, a colon) before a capitalised
 * word. */
static const char *const wire_agencies[] = {
    "reuters", "afp", "ap", "upi", "xinhua", "irna", "sana", "tass", "itar-tass", "ria",
    "bloomberg", "ansa", "dpa", "efe", "kyodo", "yonhap", "bernama", "aa", "isna", "mehr",
    "fars", "tasnim", "cnn", "bbc", "ips", NULL};

static int all_caps(const char *s, const seg_token *t)
{
    int letters = 0;
    for (size_t k = t->start; k < t->end; k++) {
        if (s[k] >= 'a' && s[k] <= 'z')
            return 0;
        letters += s[k] >= 'A' && s[k] <= 'Z';
    }
    return letters >= 2;
}

static int is_dash(const char *s, const seg_token *t)
{
    return tok_is(s, t, "-") || tok_is(s, t, "--") || tok_is(s, t, "\xe2\x80\x93") ||
           tok_is(s, t, "\xe2\x80\x94");
}

/* 1 if token t may stand inside a wire header; *caps is cleared by a
 * word that is not in capitals. */
static int header_token(const char *s, const seg_token *t, int *caps)
{
    char c = s[t->start];
    if (c == ',' || c == '.' || c == '(' || c == ')')
        return t->end - t->start == 1;
    if (!(t->flags & SEG_WORD))
        return 0;
    if (is_digit((unsigned char)c))
        return 1;
    if (!(t->flags & SEG_CAP))
        return 0;
    *caps &= all_caps(s, t);
    return 1;
}

/* The end of a wire header at the start [t0, t1) of a line, or -1. */
static int wire_header_end(const char *s, const tokvec *tv, int t0, int t1)
{
    const seg_token *v = tv->v;
    if (t0 >= t1 || !(all_caps(s, &v[t0]) || seg_token_is(s, &v[t0], wire_agencies)))
        return -1;
    int caps = 1, brackets = 0;
    for (int k = t0; k < t1 && k < t0 + 12; k++) {
        int dash = is_dash(s, &v[k]), colon = tok_is(s, &v[k], ":");
        if ((dash || colon) && k > t0 && (colon || v[k].start > v[k - 1].end) && k + 1 < t1 &&
            ((v[k + 1].flags & SEG_CAP) || (v[k + 1].flags & SEG_QUOTE)) &&
            (dash || caps))
            return k + 1;
        brackets += s[v[k].start] == '(';
        if (brackets > 1 || !header_token(s, &v[k], &caps))
            return -1;
    }
    return -1;
}

/* Split the tokens [t0, t1) of one line-run into sentences. */
static int split_tokens(mem_arena *a, const char *s, const tokvec *tv, int t0,
                        int t1, int para, sentvec *sv)
{
    int start = t0;
    for (int i = start; i < t1; i++) {
        const seg_token *t = &tv->v[i];
        int end_here = 0, j = i + 1, from;
        int we = i == t0 || (i == start && sv->n && sv->v[sv->n - 1].wire)
                     ? wire_header_end(s, tv, start, t1)
                     : -1;
        if (we > start) { /* "PARIS (Reuters) - ", "SPACE.com - TORONTO -- " */
            if (emit(a, sv, tv, start, we, para) < 0)
                return -1;
            sv->v[sv->n - 1].wire = 1;
            start = we;
            i = we - 1;
            continue;
        }
        int te = i == start ? tag_list_end(s, tv, start, t1) : -1;
        if (te > start) { /* a sentence that opens with a tag list */
            if (emit(a, sv, tv, start, te, para) < 0)
                return -1;
            if (sv->n)
                sv->v[sv->n - 1].tags = 1;
            start = te;
            i = te - 1;
            continue;
        }
        int de = (t->flags & SEG_WORD) ? dateline_at(s, tv, start, i, t1, &from) : -1;
        if (de >= 0) {
            if ((from > start && emit(a, sv, tv, start, from, para) < 0) ||
                emit(a, sv, tv, from, de, para) < 0)
                return -1;
            start = de;
            i = de - 1;
            continue;
        }
        if (is_terminal(t, s)) {
            /* closing quotes and brackets glued to the stop belong to it */
            while (j < t1 && tv->v[j].start == tv->v[j - 1].end &&
                   (is_closer(&tv->v[j], s) || is_terminal(&tv->v[j], s)))
                j++;
            if (j >= t1) {
                end_here = 1;
            } else {
                const seg_token *nx = &tv->v[j];
                int cp;
                text_decode(s + nx->start, nx->end - nx->start, &cp);
                char c0 = s[t->start], cn = s[nx->start];
                if ((nx->flags & SEG_CAP) || (cp >= '0' && cp <= '9') ||
                    (nx->flags & SEG_QUOTE) || cn == '(' || cn == '[')
                    end_here = 1;
                /* "india? where did you grow up?": ? and ! end a sentence
                 * before a lower-case word too, unless a quote closes */
                if ((c0 == '?' || c0 == '!') && j == i + 1 && (nx->flags & SEG_WORD))
                    end_here = 1;
                /* "no bite. i think": a period glued to a plain word of
                 * three or more letters, before a lower-case word */
                const seg_token *pv = i > t0 ? &tv->v[i - 1] : NULL;
                if (c0 == '.' && t->end - t->start == 1 && j == i + 1 &&
                    (nx->flags & SEG_WORD) && pv && pv->end == t->start &&
                    (pv->flags & SEG_WORD) && !(pv->flags & SEG_ABBR) &&
                    pv->end - pv->start >= 3)
                    end_here = 1;
                if (s[t->start] == '.' && j == i + 1 && nx->start == t->end &&
                    !(nx->flags & SEG_CAP))
                    end_here = 0; /* "3.5", ".com" */
            }
        }
        if (end_here) {
            if (emit(a, sv, tv, start, j, para) < 0)
                return -1;
            start = j;
            i = j - 1;
        }
    }
    return emit(a, sv, tv, start, t1, para);
}

/* A line that is a headline: short, no terminal punctuation. */
static int is_headline(const char *s, size_t from, size_t to)
{
    while (to > from && (s[to - 1] == ' ' || s[to - 1] == '\t'))
        to--;
    if (to <= from || to - from > 120)
        return 0;
    char c = s[to - 1];
    return !(c == '.' || c == ',' || c == ';' || c == ':' || c == '-' ||
             c == '!' || c == '?' || c == '"' || c == ')' ||
             (unsigned char)c >= 0x80 || (c >= 'a' && c <= 'z' && to - from > 60));
}

/* 1 if the line at i starts with an upper-case letter, a digit or a quote. */
static int starts_upper(const char *s, size_t i, size_t end)
{
    while (i < end && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i >= end)
        return 0;
    int cp;
    text_decode(s + i, end - i, &cp);
    return text_is_upper(cp) || (cp >= '0' && cp <= '9') || text_is_quote(cp);
}

int seg_split(mem_arena *a, const char *text, size_t len, seg_doc *out)
{
    tokvec tv = {0};
    sentvec sv = {0};
    int para = 0;
    size_t i = 0;
    memset(out, 0, sizeof *out);
    while (i < len) {
        /* skip blank space between paragraphs */
        while (i < len && (text[i] == '\n' || text[i] == ' ' || text[i] == '\t' ||
                           text[i] == '\r'))
            i++;
        if (i >= len)
            break;
        /* a paragraph runs to a blank line */
        size_t p = i;
        for (;;) {
            const char *nl = memchr(text + p, '\n', len - p);
            if (!nl) {
                p = len;
                break;
            }
            size_t q = (size_t)(nl - text) + 1;
            while (q < len && (text[q] == ' ' || text[q] == '\t'))
                q++;
            if (q >= len || text[q] == '\n') {
                p = (size_t)(nl - text);
                break;
            }
            p = q;
        }
        /* within the paragraph, a headline line stands alone */
        size_t ls = i;
        int run0 = tv.n;
        while (ls < p) {
            const char *nl = memchr(text + ls, '\n', p - ls);
            size_t le = nl ? (size_t)(nl - text) : p;
            if (tokenize(a, text, ls, le, &tv) < 0)
                return -1;
            if (nl && is_headline(text, ls, le) && starts_upper(text, le + 1, p)) {
                if (split_tokens(a, text, &tv, run0, tv.n, para, &sv) < 0)
                    return -1;
                run0 = tv.n;
            }
            ls = le + 1;
        }
        if (split_tokens(a, text, &tv, run0, tv.n, para, &sv) < 0)
            return -1;
        para++;
        i = p;
    }
    out->toks = tv.v;
    out->ntoks = tv.n;
    out->sents = sv.v;
    out->nsents = sv.n;
    out->nparas = para;
    return 0;
}
