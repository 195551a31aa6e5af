/*
 * petrarch.c - PETRARCH2/TABARI dictionaries into entente's dict.
 *
 * Four line formats (see docs/petrarch.md): actors (NAME [CODE], "+SYNONYM"
 * lines, indented "[CODE >YYMMDD]" date-restricted codes), agents (WORD
 * {PLURALS} [~CODE] or [CODE~], "!SET! = A, B" substitution sets), verbs
 * ("&SYNSET" lists, "--- VERB [CODE] ---" blocks of verb forms and "- pattern
 * [CODE]" lines) and discards (phrases, "+" for whole stories). Each entry is
 * added through the loader hooks of dict.h; patterns are rewritten in
 * entente's pattern syntax. Every unreadable line is reported as file:line
 * and skipped. ent_coder_new_petrarch builds a coder from these files,
 * which codes in PETRARCH mode; the rules of that mode that event.c asks
 * for (petr_nominal, petr_compound_before, petr_actor_in_match) are here.
 */
#include "code/petrarch.h"
#include "code/codeint.h"
#include "context/where.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LINE_MAX_BYTES 8192
#define MAX_NAMES 256
#define MAX_ROLES 64
#define MAX_SETS 64
#define MAX_MEMBERS 512
#define MAX_VERBS 128
#define MAX_ALTS 64     /* expansions of one pattern line */
#define ALTLEN 2048     /* one element's alternatives, joined by '|' */

/* ---- lines ---- */

typedef struct petr_lines {
    dict *d;
    const char *name;
    const char *buf;
    size_t len, pos;
    long ln;
    int in_comment;     /* inside a multi-line <!-- --> */
    long comment_ln;    /* the line that opened it */
    long nlines;        /* lines that are not blank or comments */
    char line[LINE_MAX_BYTES];
} petr_lines;

static char *rtrim(char *s)
{
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = 0;
    return s;
}

static char *ltrim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return s;
}

/* The next line with its comments removed (PETRARCH: "#" lines, "<!...>"
 * lines, <!-- --> spans, a "#" after white space or "]"); NULL at the end.
 * Leading white space is kept (actors: indented code lines). */
static char *next_line(petr_lines *r)
{
    while (r->pos < r->len) {
        const char *nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
        size_t e = nl ? (size_t)(nl - r->buf) : r->len, n = e - r->pos;
        r->ln++;
        const char *src = r->buf + r->pos;
        r->pos = e + 1;
        if (n >= sizeof r->line) {
            r->nlines++;
            dict_report(r->d, r->name, r->ln, "line longer than %zu bytes", sizeof r->line - 1);
            continue;
        }
        if (memchr(src, 0, n)) {
            r->nlines++;
            dict_report(r->d, r->name, r->ln, "NUL byte in line");
            continue;
        }
        memcpy(r->line, src, n);
        r->line[n] = 0;
        char *s = r->line;
        if (r->in_comment) {
            char *end = strstr(s, "-->");
            if (!end)
                continue;
            r->in_comment = 0;
            s = end + 3;
        }
        /* <!-- ... --> spans, possibly opening a multi-line comment */
        for (char *o; (o = strstr(s, "<!--")) != NULL;) {
            char *end = strstr(o + 4, "-->");
            if (!end) {
                *o = 0;
                r->in_comment = 1;
                r->comment_ln = r->ln;
                break;
            }
            memmove(o, end + 3, strlen(end + 3) + 1);
        }
        char *t = ltrim(s);
        if (*t == '#' || (t[0] == '<' && t[1] == '!'))
            continue;
        for (char *h = s; *h; h++)
            if (*h == '#' && (h == s || isspace((unsigned char)h[-1]) || h[-1] == ']')) {
                *h = 0;
                break;
            }
        rtrim(s);
        if (*ltrim(s)) {
            r->nlines++;
            return s;
        }
    }
    return NULL;
}

/* After the last line: a <!-- never closed swallowed the rest of the file,
 * which is an error at the line that opened it. Returns the lines lost. */
static long unclosed_comment(petr_lines *r)
{
    if (!r->in_comment)
        return 0;
    long lost = r->ln - r->comment_ln;
    dict_report(r->d, r->name, r->comment_ln, "error: unclosed <!-- comment: the %ld line%s "
                "after it were not read", lost, lost == 1 ? "" : "s");
    dict_count_bad(r->d, lost - 1); /* each line lost is a line skipped */
    r->in_comment = 0;
    return lost;
}

/* A PETRARCH phrase as entente writes it: "_" joins words, a final "_"
 * (no stemming) is dropped, lower case (so short names are not taken for
 * capitals-only acronyms). Writes into out (size n). */
static void norm_phrase(const char *in, char *out, size_t n)
{
    size_t k = 0;
    for (const char *c = in; *c && k + 1 < n; c++)
        out[k++] = *c == '_' ? ' ' : (char)tolower((unsigned char)*c);
    out[k] = 0;
    rtrim(out);
    char *l = ltrim(out);
    memmove(out, l, strlen(l) + 1);
    /* collapse runs of spaces */
    char *w = out;
    for (char *c = out; *c; c++)
        if (!(*c == ' ' && w > out && w[-1] == ' '))
            *w++ = *c;
    *w = 0;
}

/* ---- dates ---- */

static int days_in(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

/* YYMMDD (00-30 are 20YY, else 19YY) or YYYYMMDD -> yyyymmdd, or 0. */
static int petr_date(const char *s, size_t n)
{
    if (n != 6 && n != 8)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    int v = atoi(s), y, m, dd;
    if (n == 6) {
        y = v / 10000;
        y += y <= 30 ? 2000 : 1900;
    } else {
        y = v / 10000;
    }
    m = v / 100 % 100;
    dd = v % 100;
    if (m < 1 || m > 12 || dd < 1 || dd > days_in(y, m))
        return 0;
    return y * 10000 + m * 100 + dd;
}

static int day_step(int ymd, int step)
{
    int y = ymd / 10000, m = ymd / 100 % 100, dd = ymd % 100 + step;
    if (dd < 1) {
        if (--m < 1) {
            m = 12;
            y--;
        }
        dd = days_in(y, m);
    } else if (dd > days_in(y, m)) {
        dd = 1;
        if (++m > 12) {
            m = 1;
            y++;
        }
    }
    return y * 10000 + m * 100 + dd;
}

/* ---- actors ---- */

typedef struct actor_entry {
    char names[MAX_NAMES][160];
    int nnames;
    dict_role roles[MAX_ROLES];
    int nroles;
    long ln;
    char raw[256];
    int open, broken;
} actor_entry;

/* "[CODE]", "[CODE >YYMMDD]", "[CODE <YYMMDD]", "[CODE D-D]", "[---]". */
static int parse_role(petr_lines *r, const char *in, dict_role *out)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", in);
    char *s = ltrim(rtrim(buf));
    memset(out, 0, sizeof *out);
    out->from = out->to = -1;
    size_t k = 0;
    if (!strncmp(s, "---", 3)) {
        k = 3; /* no actor code */
    } else {
        /* a code, or several joined by '/' ("[FRO/BIL/SAM]") */
        while (isalnum((unsigned char)s[k]) ||
               (s[k] == '/' && k && isalnum((unsigned char)s[k + 1])))
            k++;
        if (!k || k > 15) {
            dict_report(r->d, r->name, r->ln, "'[%s]' does not start with an actor code", s);
            return -1;
        }
        for (size_t i = 0; i < k; i++)
            out->code[i] = (char)toupper((unsigned char)s[i]);
        out->code[k] = 0;
    }
    char *rest = ltrim(s + k);
    if (!*rest)
        return 0;
    if (!isspace((unsigned char)s[k])) {
        dict_report(r->d, r->name, r->ln, "'[%s]': bad character after the code", s);
        return -1;
    }
    if (*rest == '<' || *rest == '>') {
        char *ds = ltrim(rest + 1);
        int dv = petr_date(ds, strlen(ds));
        if (!dv) {
            dict_report(r->d, r->name, r->ln, "'[%s]': bad date '%s' (YYMMDD or YYYYMMDD)", s, ds);
            return -1;
        }
        if (*rest == '<') {
            out->from = 0;
            out->to = day_step(dv, -1);
        } else {
            out->from = day_step(dv, 1);
            out->to = 0;
        }
        return 0;
    }
    char *dash = strchr(rest, '-');
    if (!dash) {
        dict_report(r->d, r->name, r->ln, "'[%s]': a date needs '<', '>' or a range D-D", s);
        return -1;
    }
    char a[32], b[32];
    snprintf(a, sizeof a, "%.*s", (int)(dash - rest), rest);
    snprintf(b, sizeof b, "%s", dash + 1);
    char *ta = ltrim(rtrim(a)), *tb = ltrim(rtrim(b));
    int da = petr_date(ta, strlen(ta)), db = petr_date(tb, strlen(tb));
    if (!da || !db) {
        dict_report(r->d, r->name, r->ln, "'[%s]': bad date range (YYMMDD or YYYYMMDD)", s);
        return -1;
    }
    if (da > db) {
        dict_report(r->d, r->name, r->ln, "'[%s]': the date range ends before it starts", s);
        return -1;
    }
    out->from = da;
    out->to = db;
    return 0;
}

/* The [..] groups of text: roles into e; returns the text before the
 * first '[' (cut in place). */
static char *take_roles(petr_lines *r, char *text, actor_entry *e)
{
    char *open = strchr(text, '[');
    if (!open)
        return text;
    *open = 0;
    char *p = open + 1;
    for (;;) {
        char *close = strchr(p, ']');
        if (!close) {
            dict_report(r->d, r->name, r->ln, "'[' without ']'");
            e->broken = 1;
            break;
        }
        *close = 0;
        dict_role role;
        if (parse_role(r, p, &role) < 0)
            e->broken = 1;
        else if (e->nroles < MAX_ROLES)
            e->roles[e->nroles++] = role;
        char *next = ltrim(close + 1);
        if (*next != '[') {
            if (*next)
                dict_report(r->d, r->name, r->ln, "unexpected '%s' after the code", next);
            break;
        }
        p = next + 1;
    }
    return text;
}

static void add_name(actor_entry *e, const char *raw)
{
    if (e->nnames < MAX_NAMES) {
        norm_phrase(raw, e->names[e->nnames], sizeof e->names[0]);
        if (e->names[e->nnames][0])
            e->nnames++;
    }
}

static void flush_actor(petr_lines *r, actor_entry *e)
{
    if (!e->open)
        return;
    e->open = 0;
    if (!e->nroles) {
        /* a bad code was reported already; otherwise say what is missing */
        if (!e->broken)
            dict_report(r->d, r->name, e->ln, "actor '%s' has no code", e->nnames ? e->names[0] : "?");
        return;
    }
    const char *names[MAX_NAMES];
    for (int i = 0; i < e->nnames; i++)
        names[i] = e->names[i];
    dict_add_actor(r->d, names, e->nnames, e->roles, e->nroles, KIND_COUNTRY, r->name, e->ln,
                   e->raw);
}

static void load_actors(petr_lines *r)
{
    actor_entry *e = mem_calloc(1, sizeof *e);
    if (!e)
        return;
    char *line;
    while ((line = next_line(r)) != NULL) {
        char *t = ltrim(line);
        if (*t == '[') {
            if (!e->open) {
                dict_report(r->d, r->name, r->ln, "code without an actor above it");
                continue;
            }
            take_roles(r, t, e);
        } else if (*t == '+') {
            if (!e->open) {
                dict_report(r->d, r->name, r->ln, "synonym without an actor above it");
                continue;
            }
            add_name(e, take_roles(r, t + 1, e));
        } else {
            flush_actor(r, e);
            memset(e, 0, sizeof *e);
            e->open = 1;
            e->ln = r->ln;
            snprintf(e->raw, sizeof e->raw, "%s", t);
            add_name(e, take_roles(r, t, e));
            if (!e->nnames) {
                dict_report(r->d, r->name, r->ln, "actor entry without a name");
                e->open = 0;
            }
        }
    }
    flush_actor(r, e);
    mem_free(e);
}

/* ---- agents ---- */

typedef struct subst_set {
    char name[64];              /* "!PERSON!" */
    char members[32][64];
    int n;
} subst_set;

typedef struct agent_ctx {
    subst_set sets[MAX_SETS];
    int nsets;
    char forms[96][160];        /* the phrases of one agent line */
} agent_ctx;

/* Regular English plural of the last word of a phrase. */
static void plural_of(const char *w, char *out, size_t n)
{
    size_t k = strlen(w);
    char last = k ? w[k - 1] : 0, prev = k > 1 ? w[k - 2] : 0;
    const char *suffix = "s";
    if (last == 'y' && prev && !strchr("aeiou", prev)) {
        k--;
        suffix = "ies";
    } else if (last == 's' || last == 'x' || last == 'z' ||
               (last == 'h' && (prev == 'c' || prev == 's'))) {
        suffix = "es";
    }
    if (k + strlen(suffix) + 1 > n) {
        out[0] = 0;
        return;
    }
    memmove(out, w, k);
    memcpy(out + k, suffix, strlen(suffix) + 1);
}

/* Expand "!SET!" in phrase (at most one set per phrase) into out. */
static int substitute(petr_lines *r, agent_ctx *ax, const char *phrase, char out[][160], int max)
{
    const char *b = strchr(phrase, '!');
    const char *e = b ? strchr(b + 1, '!') : NULL;
    if (!b) {
        snprintf(out[0], 160, "%s", phrase);
        return 1;
    }
    if (!e) {
        dict_report(r->d, r->name, r->ln, "'!' without a closing '!' in '%s'", phrase);
        return 0;
    }
    for (int i = 0; i < ax->nsets; i++) {
        subst_set *s = &ax->sets[i];
        if (strlen(s->name) != (size_t)(e - b + 1) || strncmp(s->name, b, (size_t)(e - b + 1)))
            continue;
        int n = 0;
        for (int k = 0; k < s->n && n < max; k++)
            snprintf(out[n++], 160, "%.*s%s%s", (int)(b - phrase), phrase, s->members[k], e + 1);
        return n;
    }
    dict_report(r->d, r->name, r->ln, "unknown substitution set %.*s", (int)(e - b + 1), b);
    return 0;
}

static void load_agent_line(petr_lines *r, agent_ctx *ax, char *t)
{
    /* !SET! = A, B, C */
    if (t[0] == '!' && strchr(t, '=')) {
        char *eq = strchr(t, '=');
        *eq = 0;
        char *nm = ltrim(rtrim(t));
        if (ax->nsets == MAX_SETS || strlen(nm) < 3 || nm[strlen(nm) - 1] != '!' ||
            strlen(nm) >= sizeof ax->sets[0].name) {
            dict_report(r->d, r->name, r->ln, "bad substitution set '%s'", nm);
            return;
        }
        subst_set *s = &ax->sets[ax->nsets];
        memset(s, 0, sizeof *s);
        snprintf(s->name, sizeof s->name, "%s", nm);
        char *save = NULL;
        for (char *m = strtok_r(eq + 1, ",", &save); m && s->n < 32; m = strtok_r(NULL, ",", &save)) {
            m = ltrim(rtrim(m));
            if (*m)
                snprintf(s->members[s->n++], sizeof s->members[0], "%s", m);
        }
        if (!s->n) {
            dict_report(r->d, r->name, r->ln, "substitution set %s has no members", nm);
            return;
        }
        ax->nsets++;
        return;
    }
    char raw[256];
    snprintf(raw, sizeof raw, "%s", t);
    char *ob = strchr(t, '['), *cb = ob ? strchr(ob, ']') : NULL;
    if (!ob || !cb) {
        dict_report(r->d, r->name, r->ln, "agent needs a code [~CODE] or [CODE~]");
        return;
    }
    *cb = 0;
    char *code = ltrim(rtrim(ob + 1));
    if (*ltrim(cb + 1)) {
        dict_report(r->d, r->name, r->ln, "unexpected '%s' after the agent code", ltrim(cb + 1));
        return;
    }
    int prefix;
    size_t cl = strlen(code);
    if (cl > 1 && code[0] == '~') {
        prefix = 0;
        code++;
    } else if (cl > 1 && code[cl - 1] == '~') {
        prefix = 1;
        code[cl - 1] = 0;
    } else {
        dict_report(r->d, r->name, r->ln, "agent code '%s' needs '~' before (suffix) or after (prefix)", code);
        return;
    }
    code = ltrim(rtrim(code));
    for (char *c = code; *c; c++)
        *c = (char)toupper((unsigned char)*c);
    *ob = 0;
    /* words {plurals} */
    char *brace = strchr(t, '{');
    char plurals[256] = "";
    int has_braces = 0;
    if (brace) {
        char *end = strchr(brace, '}');
        if (!end) {
            dict_report(r->d, r->name, r->ln, "'{' without '}'");
            return;
        }
        *end = 0;
        snprintf(plurals, sizeof plurals, "%s", brace + 1);
        *brace = 0;
        has_braces = 1;
    }
    char *word = ltrim(rtrim(t));
    if (!*word) {
        dict_report(r->d, r->name, r->ln, "agent without words");
        return;
    }
    char (*forms)[160] = ax->forms;
    int nf = 0;
    char sub[32][160];
    int ns = substitute(r, ax, word, sub, 32);
    if (!ns)
        return;
    for (int i = 0; i < ns && nf < 96; i++) {
        norm_phrase(sub[i], forms[nf++], sizeof forms[0]);
        if (!has_braces && nf < 96) {
            plural_of(forms[nf - 1], forms[nf], sizeof forms[0]);
            nf++;
        }
    }
    char *save = NULL;
    for (char *p = strtok_r(plurals, " \t", &save); p; p = strtok_r(NULL, " \t", &save)) {
        int np = substitute(r, ax, p, sub, 32);
        for (int i = 0; i < np && nf < 96; i++)
            norm_phrase(sub[i], forms[nf++], sizeof forms[0]);
    }
    const char *fv[96];
    for (int i = 0; i < nf; i++)
        fv[i] = forms[i];
    dict_add_agent(r->d, fv, nf, code, 1, prefix, r->name, r->ln, raw);
}

static void load_agents(petr_lines *r)
{
    agent_ctx *ax = mem_calloc(1, sizeof *ax);
    if (!ax)
        return;
    char *line;
    while ((line = next_line(r)) != NULL)
        load_agent_line(r, ax, ltrim(line));
    mem_free(ax);
}

/* ---- discards ---- */

static void load_discards(petr_lines *r)
{
    char *line;
    while ((line = next_line(r)) != NULL) {
        char *t = ltrim(line);
        int story = 0, exact = 0;
        if (*t == '+') {
            story = 1;
            t = ltrim(t + 1);
        }
        size_t n = strlen(t);
        if (n && t[n - 1] == '_')
            exact = 1;
        char ph[512];
        norm_phrase(t, ph, sizeof ph);
        if (!ph[0]) {
            dict_report(r->d, r->name, r->ln, "empty discard phrase");
            continue;
        }
        dict_add_discard(r->d, ph, story, exact, r->name, r->ln);
    }
}

/* ---- verbs ---- */

typedef struct synset {
    char name[64];              /* without '&' and final '_' */
    int m0, n;                  /* members [m0, m0+n) of the pool */
} synset;

typedef struct verb_form {
    char words[160];            /* entente words: "wire tap+" */
    int code, code2;            /* own code, or -2: the block's */
} verb_form;

/* One element of a pattern: its alternatives (entente words). */
typedef struct pelem {
    int gap_before;
    int nalt;
    char alt[16][ALTLEN];
    int target;           /* "+" */
    int skip;             /* "^" */
} pelem;

typedef struct verb_ctx {
    pelem el[32];               /* the pattern being converted */
    synset sets[1024];
    int nsets;
    char (*pool)[96];           /* synset members as written */
    int npool;
    size_t cappool;
    int cur;                    /* synset being read, or -1 */
    int in_block;
    int block_code, block_code2;
    long block_ln;
    verb_form verbs[MAX_VERBS];
    int nverbs;
    long dropped, expanded;     /* statistics for the docs */
} verb_ctx;

/* "042", "042:043", "---": event codes; returns -1 if unreadable. */
static int parse_codes(petr_lines *r, char *s, int *c1, int *c2)
{
    s = ltrim(rtrim(s));
    char *colon = strchr(s, ':');
    char *parts[2] = {s, colon ? colon + 1 : NULL};
    if (colon)
        *colon = 0;
    int out[2] = {-1, -1};
    for (int i = 0; i < 2 && parts[i]; i++) {
        char *p = ltrim(rtrim(parts[i]));
        if (!strcmp(p, "---") || !*p) {
            out[i] = -1;
            continue;
        }
        for (char *c = p; *c; c++)
            *c = (char)toupper((unsigned char)*c);
        out[i] = dict_cameo_ensure(r->d, p);
        if (out[i] < 0) {
            dict_report(r->d, r->name, r->ln, "'%s' is not an event code", p);
            return -1;
        }
    }
    *c1 = out[0];
    *c2 = out[1];
    return 0;
}

/* The last "[...]" of t: cut and parsed; 0 if there is none (*had = 0). */
static int take_code(petr_lines *r, char *t, int *c1, int *c2, int *had)
{
    char *ob = strrchr(t, '[');
    *had = 0;
    if (!ob)
        return 0;
    char *cb = strchr(ob, ']');
    if (!cb) {
        dict_report(r->d, r->name, r->ln, "'[' without ']'");
        return -1;
    }
    *cb = 0;
    *ob = 0;
    *had = 1;
    return parse_codes(r, ob + 1, c1, c2);
}

static int simple_word(const char *w)
{
    if (!*w)
        return 0;
    for (; *w; w++)
        if (!isalnum((unsigned char)*w))
            return 0;
    return 1;
}

/* A verb form "WIRE_+TAP" or "+ANGERED_BY" as entente words ("wire tap+",
 * "angered+ by"); a form of one word alone is "tap+". */
static void verb_words(const char *in, int literal, char *out, size_t n)
{
    char buf[160], *words[16];
    norm_phrase(in, buf, sizeof buf);
    int nw = 0, verb = -1;
    char *save = NULL;
    for (char *w = strtok_r(buf, " ", &save); w && nw < 16; w = strtok_r(NULL, " ", &save)) {
        if (*w == '+') {
            w++;
            verb = nw;
        }
        if (*w)
            words[nw++] = w;
    }
    if (verb < 0)
        verb = 0;
    out[0] = 0;
    for (int i = 0; i < nw; i++) {
        size_t k = strlen(out);
        snprintf(out + k, n - k, "%s%s%s", i ? " " : "", words[i],
                 i == verb && !literal ? "+" : "");
    }
}

static void verb_line(petr_lines *r, verb_ctx *vx, char *t)
{
    int c1 = -2, c2 = -1, had;
    if (take_code(r, t, &c1, &c2, &had) < 0)
        return;
    if (!had)
        c1 = -2;
    char forms[256] = "";
    char *brace = strchr(t, '{');
    if (brace) {
        char *end = strchr(brace, '}');
        if (!end) {
            dict_report(r->d, r->name, r->ln, "'{' without '}'");
            return;
        }
        *end = 0;
        snprintf(forms, sizeof forms, "%s", brace + 1);
        *brace = 0;
    }
    char *lemma = ltrim(rtrim(t));
    if (!*lemma) {
        dict_report(r->d, r->name, r->ln, "expected a verb (WORD, WORD_+WORD or +WORD_WORD), found '%s'", lemma);
        return;
    }
    if (vx->nverbs == MAX_VERBS) {
        dict_report(r->d, r->name, r->ln, "too many verbs in one block (at most %d)", MAX_VERBS);
        return;
    }
    verb_form *v = &vx->verbs[vx->nverbs++];
    verb_words(lemma, 0, v->words, sizeof v->words);
    v->code = c1;
    v->code2 = c2;
    /* irregular forms the English rules miss are added as literal words */
    mem_arena tmp = {0};
    char base[160];
    norm_phrase(lemma, base, sizeof base);
    char *bl = strrchr(base, ' ');
    const char *lem = bl ? bl + 1 : base;
    if (*lem == '+')
        lem++;
    const char **inf = NULL;
    int ninf = dict_inflect(r->d, &tmp, lem, &inf);
    char *save = NULL;
    for (char *f = strtok_r(forms, " \t", &save); f && vx->nverbs < MAX_VERBS;
         f = strtok_r(NULL, " \t", &save)) {
        char fw[160];
        verb_words(f, 1, fw, sizeof fw);
        const char *last = strrchr(fw, ' ');
        last = last ? last + 1 : fw;
        int known = 0;
        for (int i = 0; i < ninf; i++)
            known |= !strcmp(inf[i], last);
        if (known && !strchr(fw, ' '))
            continue;
        verb_form *x = &vx->verbs[vx->nverbs++];
        snprintf(x->words, sizeof x->words, "%s", fw);
        x->code = c1;
        x->code2 = c2;
    }
    mem_arena_free(&tmp);
}

static int find_set(const verb_ctx *vx, const char *name)
{
    for (int i = vx->nsets - 1; i >= 0; i--)
        if (!strcmp(vx->sets[i].name, name))
            return i;
    return -1;
}

/* Members of synset si, flattened (nested "&SET" members), as entente
 * words: single words joined by '|' into *one, others into multi[]. */
static void set_members(petr_lines *r, verb_ctx *vx, int si, int depth, char *one, size_t n1,
                        char multi[][160], int *nmulti, int maxmulti)
{
    if (depth > 4)
        return;
    for (int k = 0; k < vx->sets[si].n; k++) {
        const char *m = vx->pool[vx->sets[si].m0 + k];
        if (m[0] == '&') {
            char nm[64];
            snprintf(nm, sizeof nm, "%s", m + 1);
            size_t l = strlen(nm);
            while (l && nm[l - 1] == '_')
                nm[--l] = 0;
            int sj = find_set(vx, nm);
            if (sj < 0)
                dict_report(r->d, r->name, r->ln, "unknown synset &%s", nm);
            else
                set_members(r, vx, sj, depth + 1, one, n1, multi, nmulti, maxmulti);
            continue;
        }
        char w[160];
        norm_phrase(m, w, sizeof w);
        if (simple_word(w)) {
            size_t k1 = strlen(one);
            if (k1 + strlen(w) + 2 < n1)
                snprintf(one + k1, n1 - k1, "%s%s", k1 ? "|" : "", w);
        } else if (*nmulti < maxmulti && w[0]) {
            snprintf(multi[(*nmulti)++], 160, "%s", w);
        }
    }
}


static void emit_patterns(petr_lines *r, verb_ctx *vx, pelem *el, int nel, int code, int code2,
                          int flags, const char *text)
{
    /* drop leading/trailing target slots: entente cannot express them */
    while (nel && (el[0].target || el[0].skip)) {
        el++;
        nel--;
        if (nel)
            el[0].gap_before = 0;
        vx->dropped++;
    }
    if (!nel)
        return;
    int idx[32] = {0};
    int made = 0;
    for (;;) {
        char pat[8192] = "";
        for (int i = 0; i < nel; i++) {
            size_t k = strlen(pat);
            snprintf(pat + k, sizeof pat - k, "%s%s", i ? (el[i].gap_before ? " .. " : " ") : "",
                     el[i].skip ? "^" : el[i].target ? "$" : el[i].alt[idx[i]]);
        }
        if (made++ < MAX_ALTS)
            dict_add_pattern(r->d, code, code2, flags, pat, r->name, r->ln);
        else
            vx->expanded++;
        int i = nel - 1;
        while (i >= 0 && ++idx[i] >= (el[i].target || el[i].skip ? 1 : el[i].nalt))
            idx[i--] = 0;
        if (i < 0)
            break;
    }
    (void)text;
}

/* The alternatives of the block's verbs for '*': one-word verbs with the
 * same role joined by '|', the others apart. */
static void verb_alts(verb_ctx *vx, pelem *e)
{
    char one[ALTLEN] = "";
    e->nalt = 1;
    for (int i = 0; i < vx->nverbs; i++) {
        const char *w = vx->verbs[i].words;
        char bare[160];
        snprintf(bare, sizeof bare, "%s", w);
        size_t bl = strlen(bare);
        if (bl && bare[bl - 1] == '+')
            bare[bl - 1] = 0;
        if (simple_word(bare)) {
            size_t k = strlen(one);
            if (k + strlen(w) + 2 < sizeof one)
                snprintf(one + k, sizeof one - k, "%s%s", k ? "|" : "", w);
        } else if (e->nalt < 16) {
            snprintf(e->alt[e->nalt++], ALTLEN, "%s", w);
        }
    }
    if (one[0])
        snprintf(e->alt[0], ALTLEN, "%s", one);
    else {
        for (int i = 1; i < e->nalt; i++)
            memcpy(e->alt[i - 1], e->alt[i], ALTLEN);
        e->nalt--;
    }
}

static void pattern_line(petr_lines *r, verb_ctx *vx, char *t)
{
    int c1, c2, had;
    if (!vx->in_block) {
        dict_report(r->d, r->name, r->ln, "pattern outside a '--- VERB [CODE] ---' block");
        return;
    }
    if (take_code(r, t, &c1, &c2, &had) < 0)
        return;
    if (!had) {
        dict_report(r->d, r->name, r->ln, "pattern without a [CODE]");
        return;
    }
    char text[1024];
    snprintf(text, sizeof text, "%s", t);
    /* (phrases) and {noun phrases} of PETRARCH2 are plain words here */
    for (char *c = t; *c; c++)
        if (strchr("(){}", *c))
            *c = ' ';
    pelem *el = vx->el;
    int nel = 0, gap = 0, has_verb = 0, flags = 0;
    char *save = NULL;
    for (char *chunk = strtok_r(t, " \t", &save); chunk; chunk = strtok_r(NULL, " \t", &save)) {
        gap = nel > 0;
        char *s2 = NULL;
        for (char *part = strtok_r(chunk, "_", &s2); part; part = strtok_r(NULL, "_", &s2)) {
            /* "% ... *": the source is a compound, coded with itself */
            if (!strcmp(part, "%")) {
                if (!has_verb)
                    flags |= DICT_PAT_COMPOUND;
                continue;
            }
            /* "+ ... * ... $": the source after the verb becomes the slot
             * and the coder swaps the two sides; other sources ("$ *")
             * are found by the coder */
            if (!strcmp(part, "$") &&
                !(has_verb && nel > 0 && el[0].target && !(flags & DICT_PAT_SWAP)))
                continue;
            if (nel == 32) {
                dict_report(r->d, r->name, r->ln, "pattern too long");
                return;
            }
            pelem *e = &el[nel];
            memset(e, 0, sizeof *e);
            e->gap_before = gap;
            gap = 0;
            if (!strcmp(part, "^")) {
                e->skip = 1; /* "IN ^ +": the phrase just after "in" */
                e->gap_before = 0;
            } else if (!strcmp(part, "$")) {
                e->target = 1;
                flags |= DICT_PAT_SWAP;
            } else if (!strcmp(part, "+")) {
                e->target = 1;
            } else if (!strcmp(part, "*")) {
                verb_alts(vx, e);
                has_verb = 1;
                if (!e->nalt) {
                    dict_report(r->d, r->name, r->ln, "pattern in a block without verbs");
                    return;
                }
            } else if (part[0] == '&') {
                char nm[64];
                snprintf(nm, sizeof nm, "%s", part + 1);
                int si = find_set(vx, nm);
                if (si < 0) {
                    dict_report(r->d, r->name, r->ln, "unknown synset &%s", nm);
                    return;
                }
                char multi[15][160];
                int nm2 = 0;
                set_members(r, vx, si, 0, e->alt[0], ALTLEN, multi, &nm2, 15);
                if (e->alt[0][0])
                    e->nalt++;
                for (int i = 0; i < nm2; i++)
                    memcpy(e->alt[e->nalt++], multi[i], sizeof multi[i]);
                if (!e->nalt) {
                    dict_report(r->d, r->name, r->ln, "synset &%s is empty", nm);
                    return;
                }
            } else {
                char w[160];
                norm_phrase(part, w, sizeof w);
                if (!w[0])
                    continue;
                snprintf(e->alt[0], ALTLEN, "%s", w);
                e->nalt = 1;
            }
            nel++;
        }
    }
    if (!has_verb) {
        dict_report(r->d, r->name, r->ln, "pattern without '*' (the verb)");
        return;
    }
    emit_patterns(r, vx, el, nel, c1, c2, flags, text);
}

/* End of a verb block: the verbs alone code the block's code (or their
 * own); a null code "[---]" adds nothing. */
static void end_block(petr_lines *r, verb_ctx *vx)
{
    if (!vx->in_block)
        return;
    long save = r->ln;
    r->ln = vx->block_ln;
    for (int i = 0; i < vx->nverbs; i++) {
        const verb_form *v = &vx->verbs[i];
        int c1 = v->code == -2 ? vx->block_code : v->code;
        int c2 = v->code == -2 ? vx->block_code2 : v->code2;
        if (c1 >= 0)
            dict_add_pattern(r->d, c1, c2, 0, v->words, r->name, r->ln);
    }
    r->ln = save;
    vx->in_block = 0;
    vx->nverbs = 0;
}

static void load_verbs(petr_lines *r)
{
    verb_ctx *vx = mem_calloc(1, sizeof *vx);
    if (!vx)
        return;
    vx->cur = -1;
    char *line;
    while ((line = next_line(r)) != NULL) {
        char *t = ltrim(line);
        if (!strncmp(t, "---", 3)) {
            end_block(r, vx);
            vx->cur = -1;
            char *body = t + 3;
            size_t n = strlen(body);
            /* the closing "---" may have been cut with a comment */
            if (n >= 3 && strcmp(body + n - 3, "---") == 0)
                body[n - 3] = 0;
            int c1, c2, had;
            /* a block whose code is unreadable is still read, coding
             * nothing by default, so its lines are not reported too */
            if (take_code(r, body, &c1, &c2, &had) < 0)
                c1 = c2 = -1;
            else if (!had) {
                dict_report(r->d, r->name, r->ln, "verb block without a [CODE]");
                c1 = c2 = -1;
            }
            vx->in_block = 1;
            vx->block_code = c1;
            vx->block_code2 = c2;
            vx->block_ln = r->ln;
            vx->nverbs = 0;
        } else if (*t == '&') {
            end_block(r, vx);
            char nm[64];
            snprintf(nm, sizeof nm, "%s", t + 1);
            rtrim(nm);
            size_t l = strlen(nm);
            while (l && nm[l - 1] == '_')
                nm[--l] = 0;
            if (!l || strchr(nm, ' ') || vx->nsets == 1024) {
                dict_report(r->d, r->name, r->ln, "bad synset name '%s'", t);
                vx->cur = -1;
                continue;
            }
            synset *s = &vx->sets[vx->nsets];
            snprintf(s->name, sizeof s->name, "%s", nm);
            s->m0 = vx->npool;
            s->n = 0;
            vx->cur = vx->nsets++;
        } else if (*t == '+' && vx->cur >= 0) {
            if (mem_grow((void **)&vx->pool, &vx->cappool, (size_t)vx->npool + 1,
                         sizeof *vx->pool, 1024) < 0)
                break;
            snprintf(vx->pool[vx->npool++], 96, "%s", ltrim(rtrim(t + 1)));
            vx->sets[vx->cur].n++;
        } else if (*t == '-' && (t[1] == ' ' || t[1] == '\t')) {
            pattern_line(r, vx, t + 2);
        } else if (vx->in_block) {
            verb_line(r, vx, t);
        } else {
            dict_report(r->d, r->name, r->ln, "line outside a synset or verb block");
        }
    }
    end_block(r, vx);
    mem_free(vx->pool);
    mem_free(vx);
}

/* ---- PETRARCH mode's coding rules (used by event.c) ---- */

static const char *const articles[] = {"a", "an", "the", NULL};
static const char *const intensifiers[] = {"very", "so", "too", "more", "most", "less",
                                           "least", NULL};
static const char *const np_openers[] = {
    "the", "a", "an", "its", "their", "his", "her", "our", "'s", "this",
    "these", "those", "of", "in", "for", "with", "any", "no", "such", NULL};

static int elem_is(const cod_sentence *s, const dict_elem *e, int i)
{
    if (e->kind == PAT_PREFIX)
        return strncmp(s->norm[i], e->forms[0], strlen(e->forms[0])) == 0;
    for (int k = 0; k < e->nforms; k++)
        if (!strcmp(s->norm[i], e->forms[k]))
            return 1;
    return 0;
}

int petr_nominal(const cod_sentence *s, int i, const dict_pattern *p)
{
    int v = 0;
    while (v < p->nelems && p->elems[v].kind != PAT_VERB)
        v++;
    if (v > 0) {
        for (int e = 0; e < v; e++)
            if (p->elems[e].kind == PAT_SLOT)
                return cod_is_any(s, i - 1, articles);
        for (int j = i + 1; v < p->nelems && j < s->n && j <= i + PETR_GAP_MAX + v; j++)
            if (elem_is(s, &p->elems[v], j))
                return cod_is_any(s, j - 1, articles);
        return 0;
    }
    /* "very close to the border": an adjective, not the verb "close" */
    if (cod_is_any(s, i - 1, intensifiers))
        return 1;
    for (int k = i - 1; k >= 0 && k >= i - 3; k--) {
        if (k < i - 1 && cod_is_any(s, k, articles))
            return 1;
        const char *w = s->norm[k];
        size_t n = strlen(w);
        if (!(s->tok[k].flags & SEG_WORD) || (s->tok[k].flags & SEG_CAP) ||
            s->mention_at[k] >= 0 || s->match_at[k] >= 0 || n < 3 || w[n - 1] == 's' ||
            cod_is_any(s, k, np_openers))
            return 0;
    }
    return 0;
}

static const char *const skip_preps[] = {
    "with", "at", "in", "of", "on", "for", "from", "to", "by", "into", "about",
    "against", "over", "after", "before", "near", "during", "toward", "towards",
    "that", NULL};

int petr_skip_phrase(const cod_sentence *s, int i)
{
    while (i < s->n && cod_is_any(s, i, skip_preps))
        i++;
    int j = i;
    while (j < s->n && !cod_is_any(s, j, skip_preps) && !cod_is(s, j, ",") &&
           !cod_is(s, j, ".") && !cod_is(s, j, ";") && !cod_is(s, j, ":")) {
        int m = s->mention_at[j];
        j = m >= 0 && s->m[m].t1 > j ? s->m[m].t1 : j + 1;
    }
    return j > i ? j : -1;
}

/* ---- comma clauses ---- */

/* PETRARCH's PETR_config.ini: internal clauses of 2 to 8 words and a
 * final one of 2 to 8 are dropped, an initial one is kept (max 0: off). */
static const int comma_defaults[6] = {2, 8, 0, 0, 2, 8};

static int nwords(const cod_sentence *s, int a, int b)
{
    int n = 0;
    for (int j = a; j < b; j++)
        n += (s->tok[j].flags & SEG_WORD) != 0;
    return n;
}

static int in_range(int n, int lo, int hi) { return hi > 0 && n >= lo && n <= hi; }

static const char *const comma_stops[] = {
    "a", "an", "the", "and", "or", "but", "nor", "it", "he", "she", "they", "we", "i",
    "who", "which", "that", "this", "these", "those", "its", "their", "his", "her", "as",
    "with", "at", "in", "of", "on", "for", "from", "to", "by", "after", "before", "when",
    "while", "where", "said", "says", "not", NULL};

static int plain_lower(const cod_sentence *s, int j)
{
    return j >= 0 && j < s->n && (s->tok[j].flags & SEG_WORD) && !(s->tok[j].flags & SEG_CAP) &&
           s->mention_at[j] < 0 && s->match_at[j] < 0 && !cod_is_any(s, j, comma_stops);
}

int petr_comma_in_phrase(const cod_sentence *s, int j)
{
    return plain_lower(s, j - 1) && plain_lower(s, j + 1);
}

/* 1 if the comma at j is inside a list of actors ("Mordor, Rohan and
 * Bree": an "and" or "or" after it in the group), so that the clause
 * after it is kept; not when "and" or "or" follows it (", and Gondor and
 * Dagolath,"). */
static int comma_in_list(const cod_sentence *s, int j)
{
    if (cod_is(s, j + 1, "and") || cod_is(s, j + 1, "or"))
        return 0;
    for (int g = 0; g < s->ng; g++)
        if (s->g[g].t0 < j && j < s->g[g].t1)
            for (int k = j + 1; k < s->g[g].t1; k++)
                if (cod_is(s, k, "and") || cod_is(s, k, "or"))
                    return 1;
    return 0;
}

static int clause_comma(const cod_sentence *s, int j)
{
    return cod_is(s, j, ",") && !petr_comma_in_phrase(s, j);
}

/* Mark in gone[] the tokens of the comma clauses PETRARCH drops: the
 * initial clause (before the first comma), the final one (after the last)
 * and each between two commas, by their number of words. */
static void comma_clauses(const cod_sentence *s, const int *o, char *gone)
{
    int first = -1, last = -1, end = s->n;
    while (end > 0 && !(s->tok[end - 1].flags & SEG_WORD) && !cod_is(s, end - 1, ","))
        end--;
    for (int j = 0; j < end; j++)
        if (clause_comma(s, j)) {
            if (first < 0)
                first = j;
            last = j;
        }
    if (first < 0)
        return;
    if (in_range(nwords(s, 0, first), o[2], o[3]))
        memset(gone, 1, (size_t)first + 1);
    if (in_range(nwords(s, last + 1, end), o[4], o[5]) && !comma_in_list(s, last))
        memset(gone + last, 1, (size_t)(end - last));
    for (int a = first; a < last;) {
        int b = a + 1;
        while (!clause_comma(s, b))
            b++;
        if (in_range(nwords(s, a + 1, b), o[0], o[1]) && !gone[a + 1] && !comma_in_list(s, a))
            memset(gone + a + 1, 1, (size_t)(b - a));
        a = b;
    }
}

static int mention_gone(const cod_sentence *s, const char *gone, int m)
{
    return m >= 0 && gone[s->m[m].t0];
}

int petr_drop_commas(cod_sentence *s)
{
    if (!s->coder || s->n == 0)
        return 0;
    char *gone = mem_arena_alloc(s->arena, (size_t)s->n);
    if (!gone)
        return -1;
    memset(gone, 0, (size_t)s->n);
    comma_clauses(s, s->coder->comma, gone);
    int k = 0;
    for (int i = 0; i < s->nev; i++) {
        const cod_event *e = &s->ev[i];
        if (!gone[s->x[e->match].t0] && !mention_gone(s, gone, e->src) &&
            !mention_gone(s, gone, e->tgt))
            s->ev[k++] = *e;
    }
    s->nev = k;
    return 0;
}

static const char *const subordinators[] = {"after", "before", "when", "while", "until",
                                            NULL};

/* 1 if match xi is in a clause that a subordinator opens after the
 * pattern match before it, and that match coded an event. */
static int subordinate(const cod_sentence *s, int xi)
{
    if (xi == 0)
        return 0;
    int coded = 0;
    for (int i = 0; i < s->nev && !coded; i++)
        coded = s->ev[i].match == xi - 1;
    for (int j = s->x[xi].t0 - 1; coded && j >= s->x[xi - 1].t1; j--) {
        if (cod_is(s, j, ",") || cod_is(s, j, ";") || cod_is(s, j, ":"))
            return 0;
        if (cod_is_any(s, j, subordinators))
            return 1;
    }
    return 0;
}

int petr_drop_subordinate(cod_sentence *s)
{
    char *drop = mem_arena_alloc(s->arena, (size_t)s->nx + 1);
    if (!drop)
        return -1;
    for (int xi = 0; xi < s->nx; xi++)
        drop[xi] = (char)subordinate(s, xi);
    int k = 0;
    for (int i = 0; i < s->nev; i++)
        if (!drop[s->ev[i].match])
            s->ev[k++] = s->ev[i];
    s->nev = k;
    return 0;
}

int petr_compound_before(const cod_sentence *s, int i)
{
    for (int j = i - 1; j >= 0 && j >= i - 4; j--) {
        if (s->mention_at[j] >= 0) {
            const cod_group *g = &s->g[s->m[s->mention_at[j]].group];
            return g->m1 - g->m0 >= 2;
        }
        if (!(s->tok[j].flags & SEG_WORD) || s->match_at[j] >= 0)
            return 0;
    }
    return 0;
}

int petr_actor_in_match(const cod_sentence *s, const cod_match *x)
{
    for (int j = x->t0 + 1; j < x->t1; j++)
        if (s->mention_at[j] >= 0)
            return s->m[s->mention_at[j]].group;
    return -1;
}

/* ---- entry points ---- */

/* "true"/"false" in any case (PETRARCH's records write "FALSE", "False"). */
static int petr_bool(const char *v, int *out)
{
    if (!strcasecmp(v, "true"))
        *out = 1;
    else if (!strcasecmp(v, "false"))
        *out = 0;
    else
        return -1;
    return 0;
}

static const char *const comma_names[6] = {"comma_min",  "comma_max",  "comma_bmin",
                                           "comma_bmax", "comma_emin", "comma_emax"};

ent_rc ent_coder_set_petrarch_option(ent_coder *c, const char *name, const char *value)
{
    if (!c || !c->dialect->takes_options || !name || !value)
        return ENT_EUSAGE;
    if (!strcmp(name, "require_dyad"))
        return petr_bool(value, &c->require_dyad) == 0 ? ENT_OK : ENT_EUSAGE;
    for (int i = 0; i < 6; i++) {
        if (strcmp(name, comma_names[i]))
            continue;
        char *end;
        errno = 0;
        long v = strtol(value, &end, 10);
        if (end == value || *end || errno || v < 0 || v > 1000)
            return ENT_EUSAGE;
        c->comma[i] = (int)v;
        return ENT_OK;
    }
    return ENT_EUSAGE;
}

int petr_load_buffer(dict *d, const char *type, const char *name, const char *buf, size_t len)
{
    void (*fn)(petr_lines *) = NULL;
    if (!strcmp(type, "verbs"))
        fn = load_verbs;
    else if (!strcmp(type, "actors"))
        fn = load_actors;
    else if (!strcmp(type, "agents"))
        fn = load_agents;
    else if (!strcmp(type, "discards"))
        fn = load_discards;
    if (!fn)
        return -1;
    petr_lines *r = mem_calloc(1, sizeof *r);
    if (!r)
        return -1;
    const char *base = strrchr(name, '/');
    r->d = d;
    r->name = base ? base + 1 : name;
    r->buf = buf;
    r->len = len;
    int bad0 = dict_nbad(d);
    fn(r);
    long lost = unclosed_comment(r);
    int rc = dict_check_yield(d, r->name, r->nlines + lost, dict_nbad(d) - bad0);
    mem_free(r);
    return rc;
}

int petr_load_file(dict *d, const char *type, const char *path)
{
    size_t len;
    char *buf = mem_read_file(path, 256u << 20, &len);
    if (!buf)
        return -1;
    int rc = petr_load_buffer(d, type, path, buf, len);
    mem_free(buf);
    return rc;
}

static int load_required(dict *d, const char *type, const char *path, ent_diag_fn diag, void *ud)
{
    int rc = petr_load_file(d, type, path);
    if (rc == 0 || rc == -2)
        return rc; /* -2: reported by dict_check_yield */
    char msg[600];
    snprintf(msg, sizeof msg, "cannot read %s dictionary: %s", type, strerror(errno));
    if (diag)
        diag(ud, path, 0, msg);
    return -1;
}

ent_coder *ent_coder_new_petrarch(const char *cameo_dir, const char *verbs, const char *actors,
                                  const char *agents, const char *discards, ent_diag_fn diag,
                                  void *ud, int *nbad, ent_rc *rc)
{
    ent_rc dummy;
    if (!rc)
        rc = &dummy;
    if (!cameo_dir || !verbs || !actors) {
        *rc = ENT_EUSAGE;
        return NULL;
    }
    ent_coder *c = mem_calloc(1, sizeof *c);
    dict *d = dict_new(diag, ud);
    if (c) {
        c->dialect = &cod_dialect_petrarch; /* (set again once loaded) */
        c->datadir = mem_strdup(cameo_dir);
    }
    if (!c || !d || !c->datadir) {
        if (c)
            mem_free(c->datadir);
        mem_free(c);
        dict_free(d);
        *rc = ENT_ENOMEM;
        return NULL;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/cameo.tsv", cameo_dir);
    *rc = ENT_EDICT;
    if (dict_load_file(d, "cameo", path) < 0) {
        if (diag)
            diag(ud, path, 0, "cannot read the CAMEO table");
        goto fail;
    }
    /* verbs first: PETRARCH inflects its verbs by the regular rules and
     * lists irregular forms itself ("LEAVE {LEAVES LEAVING LEFT}"), so
     * WordNet's forms must not make "left" a form of LEAVE as well as the
     * verb LEFT; the irregular forms, loaded after, still mark participles
     * for the passive */
    if (load_required(d, "verbs", verbs, diag, ud) < 0)
        goto fail;
    snprintf(path, sizeof path, "%s/irregular.gen.txt", cameo_dir);
    dict_load_file(d, "irregular", path); /* optional */
    /* actors: a comma-separated list of files, the first entry of a name wins */
    char list[8192];
    snprintf(list, sizeof list, "%s", actors);
    char *save = NULL;
    for (char *p = strtok_r(list, ",", &save); p; p = strtok_r(NULL, ",", &save))
        if (*ltrim(p) && load_required(d, "actors", ltrim(rtrim(p)), diag, ud) < 0)
            goto fail;
    if (agents && load_required(d, "agents", agents, diag, ud) < 0)
        goto fail;
    if (discards && load_required(d, "discards", discards, diag, ud) < 0)
        goto fail;
    if (dict_index_names(d) < 0) {
        *rc = ENT_ENOMEM;
        goto fail;
    }
    c->d = d;
    c->dialect = &cod_dialect_petrarch;
    c->require_dyad = 1;
    memcpy(c->comma, comma_defaults, sizeof c->comma);
    snprintf(path, sizeof path, "%s/places.gen.tsv", cameo_dir);
    c->places = where_load_diag(path, diag, ud);
    if (nbad)
        *nbad = dict_nbad(d);
    *rc = ENT_OK;
    return c;
fail:
    dict_free(d);
    mem_free(c->datadir);
    mem_free(c);
    return NULL;
}
