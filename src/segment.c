/*
 * segment.c - the tokenizer and sentence splitter (see segment.h).
 *
 * Rules, in order: a blank line ends a paragraph and a sentence; a short
 * line that ends without punctuation and is followed by a line break is a
 * headline and ends a sentence; '.', '!', '?' (and '...') end a sentence
 * when the next word starts with an upper-case letter, a digit or a quote,
 * unless the period belongs to an abbreviation ("Gen.", "U.S."), an initial
 * ("J.") or a number. A sentence glued to the next ("foreigners.Velayati")
 * is split too.
 */
#include "segment.h"
#include "text.h"

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
                /* possessive 's and n't are tokens of their own */
                if ((nx == 's' || nx == 'S') &&
                    (j + k + k2 >= len ||
                     !text_is_alnum((unsigned char)s[j + k + k2])))
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
        seg_token t = {i, i + k, NULL, 0};
        if (text_is_alnum(cp)) {
            size_t n = word_len(s, to, i);
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
        } else if (cp == '.' && i + 2 < to && s[i + 1] == '.' && s[i + 2] == '.') {
            t.end = i + 3;
            t.flags = SEG_PUNCT;
        } else if (cp == 0x2026) {
            t.flags = SEG_PUNCT;
        } else if (cp == '\'' && i + 1 < to && (s[i + 1] == 's' || s[i + 1] == 'S') &&
                   (i + 2 >= to || !text_is_alnum((unsigned char)s[i + 2])) &&
                   tv->n && tv->v[tv->n - 1].end == i) {
            t.end = i + 2; /* possessive 's */
            t.flags = SEG_WORD | SEG_CLITIC;
        } else if (cp == 0x2019 && i + k < to && (s[i + k] == 's' || s[i + k] == 'S') &&
                   (i + k + 1 >= to || !text_is_alnum((unsigned char)s[i + k + 1])) &&
                   tv->n && tv->v[tv->n - 1].end == i) {
            t.end = i + k + 1;
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
                          t0, SEG_MAX_TOKENS, para};
        if (sv_push(a, sv, x) < 0)
            return -1;
        t0 += SEG_MAX_TOKENS;
    }
    if (t1 <= t0)
        return 0;
    seg_sentence x = {tv->v[t0].start, tv->v[t1 - 1].end, t0, t1 - t0, para};
    return sv_push(a, sv, x);
}

/* Split the tokens [t0, t1) of one line-run into sentences. */
static int split_tokens(mem_arena *a, const char *s, const tokvec *tv, int t0,
                        int t1, int para, sentvec *sv)
{
    int start = t0;
    for (int i = t0; i < t1; i++) {
        const seg_token *t = &tv->v[i];
        int end_here = 0, j = i + 1;
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
                if ((nx->flags & SEG_CAP) || (cp >= '0' && cp <= '9') ||
                    (nx->flags & SEG_QUOTE))
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
