/*
 * udtext.c - raw text into ud_sent words and back (see udeval.h). Words
 * come from entente's own sentence splitter and tokenizer (seg_split), so
 * the tagger and parser see the tokens the coder matches; a clitic split
 * from the word before it ("n't", "'s") joins that word in a multiword
 * token, as UD treebanks write "don't" = do + n't. ud_raw_text rebuilds a
 * treebank's text from its "# text =" lines so the splitter can be scored
 * against the treebank's own tokens and sentences (ud_eval_tokenizer).
 */
#include "syntax/udeval.h"
#include "text/segment.h"

#include <string.h>

static const char *const no_space = "SpaceAfter=No";

/* Text without line breaks or tabs (a "# text =" line stays one line). */
static char *one_line(mem_arena *a, const char *s, size_t n)
{
    char *t = mem_arena_strndup(a, s, n);
    if (t)
        for (char *p = t; *p; p++)
            if (*p == '\n' || *p == '\r' || *p == '\t')
                *p = ' ';
    return t;
}

/* Word j of s is token tok of d; "_" columns, no head. */
static int set_word(mem_arena *a, const char *text, const seg_token *tok,
                    ud_word *w)
{
    memset(w, 0, sizeof *w);
    w->form = one_line(a, text + tok->start, tok->end - tok->start);
    w->lemma = w->upos = w->xpos = w->feats = w->deprel = w->deps = w->misc = "_";
    w->head = -1;
    w->start = (long)tok->start;
    w->end = (long)tok->end;
    return w->form ? 0 : -1;
}

/* Join word j (0-based) to the multiword token of the word before it. */
static void join_clitic(ud_sent *s, int j)
{
    if (s->nmwt && s->mwt[s->nmwt - 1].last == j) {
        s->mwt[s->nmwt - 1].last = j + 1;
        return;
    }
    ud_mwt *m = &s->mwt[s->nmwt++];
    m->first = j;
    m->last = j + 1;
    m->misc = "_";
}

/* Forms of the multiword tokens and SpaceAfter=No where the next token
 * follows without a space. */
static int finish_sent(mem_arena *a, const char *text, const seg_sentence *ss,
                       ud_sent *s)
{
    for (int k = 0; k < s->nmwt; k++) {
        ud_mwt *m = &s->mwt[k];
        long st = s->w[m->first - 1].start, en = s->w[m->last - 1].end;
        m->form = one_line(a, text + st, (size_t)(en - st));
        if (!m->form)
            return -1;
    }
    int m = 0;
    for (int i = 0; i + 1 < s->n; i++) {
        while (m < s->nmwt && s->mwt[m].last < i + 1)
            m++;
        int in = m < s->nmwt && s->mwt[m].first <= i + 1;
        if (in && s->mwt[m].last != i + 1)
            continue;
        if (s->w[i].end == s->w[i + 1].start) {
            if (in)
                s->mwt[m].misc = no_space;
            else
                s->w[i].misc = no_space;
        }
    }
    s->text = one_line(a, text + ss->start, ss->end - ss->start);
    return s->text ? 0 : -1;
}

static int sent_from_seg(mem_arena *a, const char *text, const seg_doc *d,
                         int k, ud_sent *s)
{
    const seg_sentence *ss = &d->sents[k];
    memset(s, 0, sizeof *s);
    s->w = mem_arena_alloc(a, sizeof *s->w * (size_t)(ss->ntok ? ss->ntok : 1));
    s->mwt = mem_arena_alloc(a, sizeof *s->mwt * (size_t)(ss->ntok / 2 + 1));
    if (!s->w || !s->mwt)
        return -1;
    for (int j = 0; j < ss->ntok; j++) {
        const seg_token *t = &d->toks[ss->tok0 + j];
        if (set_word(a, text, t, &s->w[j]))
            return -1;
        if (j && (t->flags & SEG_CLITIC) && t->start == t[-1].end)
            join_clitic(s, j);
        s->n = j + 1;
    }
    s->newdoc = k == 0;
    s->newpar = k == 0 || d->sents[k - 1].para != ss->para;
    s->line = k + 1;
    return finish_sent(a, text, ss, s);
}

int ud_from_text(mem_arena *a, const char *text, size_t len, ud_sent **out,
                 int *n)
{
    seg_doc d;
    *out = NULL;
    *n = 0;
    if (seg_split(a, text, len, &d))
        return -1;
    ud_sent *v = mem_arena_alloc(a, sizeof *v * (size_t)(d.nsents ? d.nsents : 1));
    if (!v)
        return -1;
    for (int k = 0; k < d.nsents; k++)
        if (sent_from_seg(a, text, &d, k, &v[k]))
            return -1;
    *out = v;
    *n = d.nsents;
    return 0;
}

/* A sentence's text: its "# text =" line, else its tokens with the
 * spaces their SpaceAfter=No leaves. */
static void sent_text(mem_buf *b, const ud_sent *s)
{
    if (s->text) {
        mem_buf_puts(b, s->text);
        return;
    }
    for (int i = 0, m = 0; i < s->n;) {
        while (m < s->nmwt && s->mwt[m].first < i + 1)
            m++;
        int mw = m < s->nmwt && s->mwt[m].first == i + 1;
        const char *form = mw ? s->mwt[m].form : s->w[i].form;
        const char *misc = mw ? s->mwt[m].misc : s->w[i].misc;
        i = mw && s->mwt[m].last > i + 1 ? s->mwt[m].last : i + 1;
        mem_buf_puts(b, form);
        if (i < s->n && !(misc && strstr(misc, no_space)))
            mem_buf_putc(b, ' ');
    }
}

char *ud_raw_text(const ud_sent *s, int n, size_t *len)
{
    mem_buf b;
    mem_buf_init(&b, 0);
    for (int i = 0; i < n; i++) {
        if (i)
            mem_buf_puts(&b, s[i].newpar || s[i].newdoc ? "\n\n" : " ");
        sent_text(&b, &s[i]);
    }
    if (b.oom) {
        mem_buf_free(&b);
        return NULL;
    }
    *len = b.len;
    char *t = mem_buf_take(&b);
    return t ? t : mem_strdup("");
}

int ud_eval_tokenizer(const ud_sent *gold, int ngold, ud_scores *out,
                      char *err, size_t errlen)
{
    size_t len;
    char *text = ud_raw_text(gold, ngold, &len);
    mem_arena a = {0};
    ud_sent *sys;
    int nsys, rc = -1;
    if (!text || ud_from_text(&a, text, len, &sys, &nsys))
        snprintf(err, errlen, "out of memory");
    else
        rc = ud_evaluate(gold, ngold, sys, nsys, out, err, errlen);
    mem_arena_free(&a);
    mem_free(text);
    return rc;
}
