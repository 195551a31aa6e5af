/*
 * fuzz_parse.c - libFuzzer target for the coder's parse (parse.c): any
 * text, cleaned as the coder sees it, split into sentences, each tagged and
 * parsed whole by the UD model (data/en.syntax, or $ENTENTE_MODEL); the
 * tree must be one tree over the sentence's tokens (one root, no cycle),
 * and every relation read from it (subject, object, passive agent, verb
 * chain, negator, noun-phrase dependents) must be a token of the sentence
 * or -1.
 */
#include "base/mem.h"
#include "code/parse.h"
#include "text/segment.h"
#include "text/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static syn_model *model;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[4352];
    const char *path = getenv("ENTENTE_MODEL");
    model = parse_model_load(path ? path : "data/en.syntax", err, sizeof err);
    if (!model) {
        fprintf(stderr, "fuzz_parse: %s\n", err);
        exit(1);
    }
    return 0;
}

static void in_range(int v, int n)
{
    if (v < -1 || v >= n)
        abort();
}

static void check_tree(const parse_tree *t, int n)
{
    int roots = 0;
    for (int i = 0; i < n; i++) {
        in_range(t->head[i], n);
        roots += t->head[i] < 0;
        if (!t->rel[i] || !t->upos[i] || !t->xpos[i] || !t->feats[i] || !t->lemma[i])
            abort();
        /* no cycle: the root is reached within n steps */
        int h = i, steps = 0;
        while (h >= 0 && steps++ <= n)
            h = t->head[h];
        if (h >= 0)
            abort();
    }
    if (roots != 1)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 8192)
        return 0;
    size_t len = 0, bad = 0;
    char *text = text_clean((const char *)data, size, &len, &bad);
    if (!text)
        return 0;
    mem_arena a = {0};
    seg_doc d;
    if (seg_split(&a, text, len, &d) == 0) {
        for (int si = 0; si < d.nsents && si < 8; si++) {
            const seg_sentence *st = &d.sents[si];
            const seg_token *tok = d.toks + st->tok0;
            int n = st->ntok;
            parse_tree t;
            if (n < 1 || parse_sentence(model, text, tok, n, NULL, &a, &t) < 0)
                continue;
            if (!t.ok)
                abort();
            check_tree(&t, n);
            const char **norm = mem_arena_alloc(&a, sizeof *norm * (size_t)n);
            if (!norm)
                break;
            for (int i = 0; i < n; i++)
                norm[i] = tok[i].norm;
            for (int v = -1; v <= n; v++) {
                int buf[32];
                in_range(parse_subject(&t, norm, v), n);
                in_range(parse_object(&t, norm, v), n);
                in_range(parse_by_agent(&t, norm, v), n);
                in_range(parse_negator(&t, norm, v), n);
                (void)parse_is_passive(&t, norm, v);
                int m = parse_verb_chain(&t, v, buf, 32);
                for (int i = 0; i < m; i++)
                    in_range(buf[i], n);
                m = parse_left_dependents(&t, v, buf, 32);
                for (int i = 0; i < m; i++)
                    in_range(buf[i], n);
            }
        }
    }
    mem_arena_free(&a);
    mem_free(text);
    return 0;
}
