/*
 * fuzz_parse.c - libFuzzer target for the parser wrapper (parse.c): any
 * text, cleaned as the coder sees it, split into sentences, each parsed by
 * link-grammar; every link must join two tokens of its sentence, and every
 * relation read from the tree (subject, object, passive agent, verb chain,
 * negator, noun-phrase dependents) must be a token of the sentence or -1.
 */
#include "mem.h"
#include "parse.h"
#include "segment.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);

/* link-grammar keeps a small string for the life of the process */
const char *__lsan_default_suppressions(void) { return "leak:liblink-grammar.so\n"; }
const char *__lsan_default_options(void) { return "print_suppressions=0"; }

static parse_engine *engine;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[256];
    engine = parse_engine_new(err, sizeof err);
    return 0;
}

static void in_range(int v, int n)
{
    if (v < -1 || v >= n)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!engine || size > 4096)
        return 0;
    size_t len = 0, bad = 0;
    char *text = text_clean((const char *)data, size, &len, &bad);
    if (!text)
        return 0;
    mem_arena a = {0};
    seg_doc d;
    if (seg_split(&a, text, len, &d) == 0) {
        for (int si = 0; si < d.nsents && si < 4; si++) {
            const seg_sentence *st = &d.sents[si];
            const seg_token *tok = d.toks + st->tok0;
            int n = st->ntok;
            parse_tree t;
            if (n < 2 || parse_sentence(engine, text, tok, n, &a, &t) < 0 || !t.ok)
                continue;
            const char **norm = mem_arena_alloc(&a, sizeof *norm * (size_t)n);
            if (!norm)
                break;
            for (int i = 0; i < n; i++)
                norm[i] = tok[i].norm;
            for (int k = 0; k < t.nlinks; k++)
                if (t.links[k].l < 0 || t.links[k].r < 0 || t.links[k].l >= n ||
                    t.links[k].r >= n)
                    abort();
            for (int v = 0; v < n; v++) {
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
