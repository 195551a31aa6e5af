/*
 * test_parse.c - the relations the coder reads from a UD tree (parse.c),
 * on trees written by hand so that each rule is tested apart from what the
 * model happens to parse: the subject through a participle clause, and
 * where that chain stops; a verb's second subject; a ranked infinitive's
 * subject through the copula.
 */
#include "code/parse.h"
#include "testing.h"

#include <string.h>

/* A tree of n words: forms, UPOS, heads (1-based, 0 the root) and
 * relations. */
typedef struct tree {
    parse_tree t;
    int head[32];
    const char *rel[32], *upos[32], *xpos[32], *feats[32], *lemma[32], *norm[32];
} tree;

static void build(tree *x, int n, const char *const *forms, const char *const *upos,
                  const int *heads, const char *const *rels)
{
    memset(x, 0, sizeof *x);
    for (int i = 0; i < n; i++) {
        x->head[i] = heads[i] - 1;
        x->rel[i] = rels[i];
        x->upos[i] = upos[i];
        x->xpos[i] = "_";
        x->feats[i] = !strcmp(upos[i], "VERB") ? "VerbForm=Part" : "_";
        x->lemma[i] = forms[i];
        x->norm[i] = forms[i];
    }
    x->t.ok = 1;
    x->t.ntok = n;
    x->t.head = x->head;
    x->t.rel = x->rel;
    x->t.upos = x->upos;
    x->t.xpos = x->xpos;
    x->t.feats = x->feats;
    x->t.lemma = x->lemma;
}

int main(void)
{
    tree x;
    /* "rebels shelled aleppo killing civilians": the -ing clause shares the
     * subject of the clause it belongs to */
    {
        const char *f[] = {"rebels", "shelled", "aleppo", "killing", "civilians"};
        const char *u[] = {"NOUN", "VERB", "PROPN", "VERB", "NOUN"};
        const int h[] = {2, 0, 2, 2, 4};
        const char *r[] = {"nsubj", "root", "obj", "advcl", "obj"};
        build(&x, 5, f, u, h, r);
        x.feats[1] = "VerbForm=Fin";
        CHECK_INT(parse_subject(&x.t, x.norm, 3), 0);
    }
    /* "un launched appeal after valley was flooded killing people": the
     * chain stops at a clause with its own auxiliary */
    {
        const char *f[] = {"un", "launched", "appeal", "after", "valley", "was", "flooded",
                           "killing", "people"};
        const char *u[] = {"PROPN", "VERB", "NOUN", "SCONJ", "NOUN", "AUX", "VERB", "VERB", "NOUN"};
        /* ("after" read as the case of "valley", as greedy parses do: no
         * mark stops the chain, the auxiliary does) */
        const int h[] = {2, 0, 2, 5, 7, 7, 2, 7, 8};
        const char *r[] = {"nsubj", "root", "obj", "case", "obl", "aux:pass", "advcl", "advcl",
                           "obj"};
        build(&x, 9, f, u, h, r);
        x.feats[1] = "VerbForm=Fin";
        CHECK_INT(parse_subject(&x.t, x.norm, 7), -1);
        /* without "was" the chain goes up to the appeal's maker */
        x.rel[5] = "punct";
        CHECK_INT(parse_subject(&x.t, x.norm, 7), 0);
    }
    /* "civilians and woman were killed": the parse gave two nsubj:pass */
    {
        const char *f[] = {"civilians", "and", "woman", "were", "killed"};
        const char *u[] = {"NOUN", "CCONJ", "NOUN", "AUX", "VERB"};
        const int h[] = {5, 3, 5, 5, 0};
        const char *r[] = {"nsubj:pass", "cc", "nsubj:pass", "aux:pass", "root"};
        build(&x, 5, f, u, h, r);
        int first = parse_subject(&x.t, x.norm, 4);
        CHECK_INT(first, 2); /* the nearer one */
        CHECK_INT(parse_other_subject(&x.t, x.norm, 4, first), 0);
        CHECK_INT(parse_other_subject(&x.t, x.norm, 4, 0), 2);
    }
    /* "chile was the only country to condemn venezuela": the noun the
     * infinitive hangs from has the copula's subject */
    {
        const char *f[] = {"chile", "was", "the", "only", "country", "to", "condemn", "venezuela"};
        const char *u[] = {"PROPN", "AUX", "DET", "ADJ", "NOUN", "PART", "VERB", "PROPN"};
        const int h[] = {5, 5, 5, 5, 0, 7, 5, 7};
        const char *r[] = {"nsubj", "cop", "det", "amod", "root", "mark", "acl", "obj"};
        build(&x, 8, f, u, h, r);
        CHECK_INT(parse_subject(&x.t, x.norm, 6), 4); /* the acl's noun ... */
        CHECK_INT(parse_subject(&x.t, x.norm, 4), 0); /* ... whose subject is Chile */
    }
    TEST_DONE();
}
