/*
 * fuzz_conllu.c - libFuzzer target for the CoNLL-U reader (conllu.c) and
 * what reads its sentences (udeval.c, udtext.c). Checks that every word
 * read has its strings and a head inside the sentence, that multiword
 * tokens are in order and inside it, that writing the sentences and
 * reading them back gives the same CoNLL-U, and that the sentences score
 * 100 against themselves.
 */
#include "base/mem.h"
#include "syntax/udeval.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_SENTS 256

static void check_sent(const ud_sent *s)
{
    for (int i = 0; i < s->n; i++) {
        const ud_word *w = &s->w[i];
        if (!w->form || !*w->form || !w->lemma || !w->upos || !w->xpos ||
            !w->feats || !w->deprel || !w->deps || !w->misc ||
            w->head < -1 || w->head > s->n)
            abort();
    }
    int prev = 0;
    for (int k = 0; k < s->nmwt; k++) {
        const ud_mwt *m = &s->mwt[k];
        if (!m->form || !m->misc || m->first <= prev || m->last < m->first ||
            m->last > s->n)
            abort();
        prev = m->last;
    }
}

/* Read every sentence of buf into v (at most MAX_SENTS). */
static int read_all(mem_arena *a, const char *buf, size_t len, ud_sent *v)
{
    ud_reader r;
    ud_reader_init(&r, "fuzz", buf, len);
    int n = 0;
    while (n < MAX_SENTS && ud_reader_next(&r, a, &v[n]) == 1)
        check_sent(&v[n++]);
    return n;
}

static void write_all(mem_buf *b, const ud_sent *v, int n)
{
    for (int i = 0; i < n; i++)
        ud_write_buf(b, &v[i]);
}

static void check_scores(const ud_sent *v, int n)
{
    ud_scores sc;
    char err[256];
    long words = 0;
    int heads = 1; /* every word has a head ("_" never scores) */
    for (int i = 0; i < n; i++) {
        words += v[i].n;
        for (int j = 0; j < v[i].n; j++)
            heads &= v[i].w[j].head >= 0;
    }
    if (ud_evaluate(v, n, v, n, &sc, err, sizeof err) != 0) {
        if (!strstr(err, "empty form")) /* a form of white space only */
            abort();
        return;
    }
    if (words && (sc.words < 99.99 || sc.tokens < 99.99 || sc.upos < 99.99 ||
                  (heads && sc.las < 99.99)))
        abort();
    ud_eval_tokenizer(v, n, &sc, err, sizeof err); /* may differ, not crash */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ud_sent v[MAX_SENTS], w[MAX_SENTS];
    mem_arena a = {0};
    mem_buf b1, b2;
    mem_buf_init(&b1, 0);
    mem_buf_init(&b2, 0);
    int n = read_all(&a, (const char *)data, size, v);
    write_all(&b1, v, n);
    int m = read_all(&a, b1.data ? b1.data : "", b1.len, w);
    write_all(&b2, w, m);
    if (m != n || b1.len != b2.len || (b1.len && memcmp(b1.data, b2.data, b1.len)))
        abort();
    check_scores(v, n);
    mem_buf_free(&b1);
    mem_buf_free(&b2);
    mem_arena_free(&a);
    return 0;
}
