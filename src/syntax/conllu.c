/*
 * conllu.c - the CoNLL-U reader and writer (see ud.h). The reader works
 * over a buffer in place: a sentence is a run of non-blank lines, comments
 * first; each word row has ten tab-separated columns. Multiword token rows
 * ("3-4") are kept as spans, empty nodes ("8.1") are skipped. A malformed
 * row (wrong column count, bad id or head, ids out of order, a head outside
 * the sentence, an empty form, overlapping multiword tokens, a NUL byte)
 * makes its sentence skipped with a message naming file and line; reading
 * goes on with the next sentence.
 */
#include "syntax/ud.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void ud_reader_init(ud_reader *r, const char *file, const char *buf, size_t len)
{
    memset(r, 0, sizeof *r);
    r->buf = buf;
    r->len = len;
    r->file = file ? file : "-";
}

typedef struct line_t {
    const char *p;
    size_t n;
} line_t;

/* The next line (without '\n' or the '\r's before it); 0 at end of input. */
static int next_line(ud_reader *r, line_t *l)
{
    if (r->pos >= r->len)
        return 0;
    const char *p = r->buf + r->pos;
    const char *e = memchr(p, '\n', r->len - r->pos);
    size_t n = e ? (size_t)(e - p) : r->len - r->pos;
    r->pos += n + (e ? 1 : 0);
    r->line++;
    while (n && p[n - 1] == '\r')
        n--;
    l->p = p;
    l->n = n;
    return 1;
}

static void report(ud_reader *r, long line, const char *why)
{
    snprintf(r->err, sizeof r->err, "%s:%ld: %s", r->file, line, why);
    if (r->diag)
        r->diag(r->diag_ud, r->err);
}

/* Parse a positive decimal integer that fills s[0..n); -1 if it is not. */
static long parse_id(const char *s, size_t n)
{
    if (n == 0 || n > 9)
        return -1;
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* 1 if the comment's first word is key ("# newpar", "# newpar id = p1"). */
static int comment_is(line_t l, const char *key)
{
    size_t k = strlen(key), i = 1;
    while (i < l.n && l.p[i] == ' ')
        i++;
    return l.n - i >= k && memcmp(l.p + i, key, k) == 0 &&
           (l.n == i + k || l.p[i + k] == ' ' || l.p[i + k] == '=');
}

static const char *comment_value(mem_arena *a, line_t l, const char *key)
{
    size_t k = strlen(key);
    const char *p = l.p + 1;
    size_t n = l.n - 1;
    while (n && *p == ' ')
        p++, n--;
    if (n < k || memcmp(p, key, k) != 0)
        return NULL;
    p += k;
    n -= k;
    while (n && *p == ' ')
        p++, n--;
    if (n && *p == '=') {
        p++, n--;
        while (n && *p == ' ')
            p++, n--;
    } else if (n) {
        return NULL;
    }
    /* the value stops at a NUL byte and leaves carriage returns at its
     * end (written back, they would be read as the line's end) */
    const char *nul = memchr(p, '\0', n);
    if (nul)
        n = (size_t)(nul - p);
    while (n && p[n - 1] == '\r')
        n--;
    return mem_arena_strndup(a, p, n);
}

typedef struct rowbuf {
    ud_word *w;
    int n;
    size_t cap;
    ud_mwt *m;
    int nm;
    size_t capm;
    int bad;          /* first bad line's reason set */
    long badline;
    const char *why;
} rowbuf;

static int grow(void **v, size_t *cap, int need, size_t sz)
{
    return mem_grow(v, cap, (size_t)need, sz, 64);
}

static void mark_bad(rowbuf *rb, long line, const char *why)
{
    if (!rb->bad) {
        rb->bad = 1;
        rb->badline = line;
        rb->why = why;
    }
}

/* One word or multiword-token row into rb. -1 on out of memory. */
static int add_row(ud_reader *r, mem_arena *a, rowbuf *rb, line_t l)
{
    const char *col[10];
    size_t len[10];
    int nc = 0;
    const char *p = l.p, *end = l.p + l.n;
    int more = 1; /* a tab after the last column read */
    while (nc < 10 && more) {
        const char *t = memchr(p, '\t', (size_t)(end - p));
        col[nc] = p;
        len[nc] = t ? (size_t)(t - p) : (size_t)(end - p);
        nc++;
        more = t != NULL;
        if (t)
            p = t + 1;
    }
    if (nc != 10 || more) {
        mark_bad(rb, r->line, "a word row needs 10 tab-separated columns");
        return 0;
    }
    if (memchr(l.p, '\0', l.n)) {
        mark_bad(rb, r->line, "a NUL byte in a word row");
        return 0;
    }
    const char *dash = memchr(col[0], '-', len[0]);
    const char *dot = memchr(col[0], '.', len[0]);
    if (dot)
        return 0; /* empty node: enhanced graphs only */
    if (dash) {
        long f = parse_id(col[0], (size_t)(dash - col[0]));
        long t = parse_id(dash + 1, len[0] - (size_t)(dash - col[0]) - 1);
        if (f < 1 || t < f || f != rb->n + 1) {
            mark_bad(rb, r->line, "bad multiword token range");
            return 0;
        }
        if (rb->nm && rb->m[rb->nm - 1].last >= f) {
            mark_bad(rb, r->line, "multiword tokens overlap");
            return 0;
        }
        if (len[1] == 0) {
            mark_bad(rb, r->line, "empty form");
            return 0;
        }
        if (grow((void **)&rb->m, &rb->capm, rb->nm + 1, sizeof *rb->m))
            return -1;
        ud_mwt *m = &rb->m[rb->nm++];
        m->first = (int)f;
        m->last = (int)t;
        m->form = mem_arena_strndup(a, col[1], len[1]);
        m->misc = mem_arena_strndup(a, col[9], len[9]);
        return m->form && m->misc ? 0 : -1;
    }
    long id = parse_id(col[0], len[0]);
    if (id != rb->n + 1) {
        mark_bad(rb, r->line, "word ids must run 1, 2, 3...");
        return 0;
    }
    long head = (len[6] == 1 && col[6][0] == '_') ? -1 : parse_id(col[6], len[6]);
    if (head < 0 && !(len[6] == 1 && col[6][0] == '_')) {
        if (!(len[6] == 1 && col[6][0] == '0'))
            mark_bad(rb, r->line, "bad head");
    }
    if (len[6] == 1 && col[6][0] == '0')
        head = 0;
    if (len[1] == 0) {
        mark_bad(rb, r->line, "empty form");
        return 0;
    }
    if (grow((void **)&rb->w, &rb->cap, rb->n + 1, sizeof *rb->w))
        return -1;
    ud_word *w = &rb->w[rb->n++];
    const char **dst[8] = {&w->form, &w->lemma, &w->upos, &w->xpos, &w->feats,
                           &w->deprel, &w->deps, &w->misc};
    static const int src[8] = {1, 2, 3, 4, 5, 7, 8, 9};
    for (int i = 0; i < 8; i++) {
        size_t n = len[src[i]];
        *dst[i] = mem_arena_strndup(a, n ? col[src[i]] : "_", n ? n : 1);
        if (!*dst[i])
            return -1;
    }
    w->head = (int)head;
    w->start = w->end = -1;
    return 0;
}

static int finish(ud_reader *r, mem_arena *a, rowbuf *rb, ud_sent *s)
{
    for (int i = 0; i < rb->n && !rb->bad; i++)
        if (rb->w[i].head > rb->n)
            mark_bad(rb, s->line + i, "head outside the sentence");
    for (int i = 0; i < rb->nm && !rb->bad; i++)
        if (rb->m[i].last > rb->n)
            mark_bad(rb, s->line, "multiword token past the last word");
    if (rb->bad) {
        report(r, rb->badline, rb->why);
        r->skipped++;
        return 0;
    }
    s->n = rb->n;
    s->nmwt = rb->nm;
    s->w = mem_arena_alloc(a, sizeof *s->w * (size_t)(rb->n ? rb->n : 1));
    s->mwt = mem_arena_alloc(a, sizeof *s->mwt * (size_t)(rb->nm ? rb->nm : 1));
    if (!s->w || !s->mwt)
        return -1;
    memcpy(s->w, rb->w, sizeof *s->w * (size_t)rb->n);
    if (rb->nm)
        memcpy(s->mwt, rb->m, sizeof *s->mwt * (size_t)rb->nm);
    return 1;
}

int ud_reader_next(ud_reader *r, mem_arena *a, ud_sent *s)
{
    rowbuf rb = {0};
    int rc = 0;
    line_t l;
    memset(s, 0, sizeof *s);
    for (;;) {
        int more = next_line(r, &l);
        if (!more || l.n == 0) {
            if (rb.n || rb.nm || rb.bad) {
                rc = finish(r, a, &rb, s);
                if (rc != 0)
                    break;
                int nd = s->newdoc, np = s->newpar;
                memset(s, 0, sizeof *s);
                s->newdoc = nd, s->newpar = np;
                rb.n = rb.nm = rb.bad = 0;
            }
            if (!more)
                break;
            continue;
        }
        if (l.p[0] == '#' && rb.n == 0) {
            const char *v;
            if ((v = comment_value(a, l, "text")))
                s->text = v;
            else if ((v = comment_value(a, l, "sent_id")))
                s->sent_id = v;
            else if (comment_is(l, "newdoc"))
                s->newdoc = 1;
            else if (comment_is(l, "newpar"))
                s->newpar = 1;
            continue;
        }
        if (rb.n == 0 && rb.nm == 0 && !rb.bad)
            s->line = r->line;
        if (add_row(r, a, &rb, l)) {
            rc = -1;
            break;
        }
    }
    mem_free(rb.w);
    mem_free(rb.m);
    return rc;
}

int ud_read_file(const char *path, mem_arena *a, ud_sent **out, int *n,
                 long *skipped, char *err, size_t errlen,
                 void (*diag)(void *ud, const char *msg), void *diag_ud)
{
    size_t len;
    char *buf = mem_read_file(path, (size_t)1 << 31, &len);
    *out = NULL;
    *n = 0;
    if (!buf) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    /* the strings are copied into the arena, so the buffer can go */
    ud_reader r;
    ud_reader_init(&r, path, buf, len);
    r.diag = diag;
    r.diag_ud = diag_ud;
    ud_sent *v = NULL;
    int nv = 0, rc = 0;
    size_t cap = 0;
    for (;;) {
        ud_sent s;
        int k = ud_reader_next(&r, a, &s);
        if (k == 0)
            break;
        if (k < 0 || grow((void **)&v, &cap, nv + 1, sizeof *v)) {
            snprintf(err, errlen, "%s: out of memory", path);
            rc = -1;
            break;
        }
        v[nv++] = s;
    }
    mem_free(buf);
    if (rc) {
        mem_free(v);
        return -1;
    }
    if (skipped)
        *skipped = r.skipped;
    *out = v;
    *n = nv;
    return 0;
}

static void put_field(mem_buf *b, const char *s)
{
    mem_buf_puts(b, s && *s ? s : "_");
}

void ud_write_buf(mem_buf *b, const ud_sent *s)
{
    if (s->newdoc)
        mem_buf_puts(b, "# newdoc\n");
    if (s->newpar)
        mem_buf_puts(b, "# newpar\n");
    if (s->sent_id)
        mem_buf_printf(b, "# sent_id = %s\n", s->sent_id);
    if (s->text)
        mem_buf_printf(b, "# text = %s\n", s->text);
    int m = 0;
    for (int i = 0; i < s->n; i++) {
        const ud_word *w = &s->w[i];
        while (m < s->nmwt && s->mwt[m].first < i + 1)
            m++;
        if (m < s->nmwt && s->mwt[m].first == i + 1) {
            mem_buf_printf(b, "%d-%d\t", s->mwt[m].first, s->mwt[m].last);
            put_field(b, s->mwt[m].form);
            mem_buf_puts(b, "\t_\t_\t_\t_\t_\t_\t_\t");
            put_field(b, s->mwt[m].misc);
            mem_buf_putc(b, '\n');
        }
        mem_buf_printf(b, "%d\t", i + 1);
        const char *f[5] = {w->form, w->lemma, w->upos, w->xpos, w->feats};
        for (int k = 0; k < 5; k++) {
            put_field(b, f[k]);
            mem_buf_putc(b, '\t');
        }
        if (w->head >= 0)
            mem_buf_printf(b, "%d\t", w->head);
        else
            mem_buf_puts(b, "_\t");
        put_field(b, w->deprel);
        mem_buf_putc(b, '\t');
        put_field(b, w->deps);
        mem_buf_putc(b, '\t');
        put_field(b, w->misc);
        mem_buf_putc(b, '\n');
    }
    mem_buf_putc(b, '\n');
}

void ud_write(FILE *f, const ud_sent *s)
{
    mem_buf b;
    mem_buf_init(&b, 0);
    ud_write_buf(&b, s);
    fwrite(b.data ? b.data : "", 1, b.len, f);
    mem_buf_free(&b);
}
