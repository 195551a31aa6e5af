/*
 * test_udeval.c - the CoNLL 2018 scores (udeval.c) on small trees written
 * for the test: identical trees, a wrong head, a wrong relation subtype,
 * tokens split and joined, multiword tokens, sentences split differently;
 * raw text made into ud_sent words (udtext.c); the CoNLL-U reader's fixes
 * for what fuzz_conllu found. When the English Web Treebank is in
 * $SHARED/ud/en_ewt, the splitter's figures on its dev set are checked
 * against floors (skipped, saying so, when it is absent).
 */
#include "base/mem.h"
#include "syntax/udeval.h"
#include "testing.h"

#include <math.h>
#include <stdlib.h>

#define CHECK_NEAR(got, want) CHECK(fabs((got) - (want)) < 0.01)

/* EWT dev floors for the splitter (tools/udtok_eval prints the figures) */
#define TOKENS_FLOOR 99.0
#define SENTENCES_FLOOR 84.5
#define WORDS_FLOOR 98.5

/* Sentences of a CoNLL-U string, in the arena. */
static ud_sent *parse(mem_arena *a, const char *conllu, int *n)
{
    static ud_sent v[16];
    ud_reader r;
    ud_reader_init(&r, "test", conllu, strlen(conllu));
    *n = 0;
    while (*n < 16 && ud_reader_next(&r, a, &v[*n]) == 1)
        ++*n;
    CHECK_INT(r.skipped, 0);
    return v;
}

/* Score sys against gold; rc is ud_evaluate's. */
static int score(const char *gold, const char *sys, ud_scores *sc, char *err,
                 size_t errlen)
{
    mem_arena a = {0};
    int ng, ns;
    ud_sent g[16], *p = parse(&a, gold, &ng);
    memcpy(g, p, sizeof g);
    ud_sent *s = parse(&a, sys, &ns);
    int rc = ud_evaluate(g, ng, s, ns, sc, err, errlen);
    mem_arena_free(&a);
    return rc;
}

/* "The talks were held ." with nsubj:pass, aux:pass. */
static const char *gold_tree =
    "# text = The talks were held.\n"
    "1\tThe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t2\tdet\t_\t_\n"
    "2\ttalks\ttalk\tNOUN\tNNS\tNumber=Plur\t4\tnsubj:pass\t_\t_\n"
    "3\twere\tbe\tAUX\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t4\taux:pass\t_\t_\n"
    "4\theld\thold\tVERB\tVBN\tTense=Past|VerbForm=Part|Voice=Pass\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

static void test_identical(void)
{
    ud_scores sc;
    char err[256];
    CHECK_INT(score(gold_tree, gold_tree, &sc, err, sizeof err), 0);
    double all[] = {sc.tokens, sc.sentences, sc.words, sc.upos, sc.xpos, sc.ufeats,
                    sc.alltags, sc.lemmas, sc.uas, sc.las, sc.las_full, sc.clas,
                    sc.mlas, sc.blex};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        CHECK_NEAR(all[i], 100.0);
    CHECK_INT(sc.gold_words, 5);
    CHECK_INT(sc.sys_words, 5);
    CHECK_INT(sc.aligned_words, 5);
    CHECK_INT(sc.gold_sents, 1);
}

/* The features are compared sorted and universal only. */
static void test_tags(void)
{
    const char *sys =
        "1\tThe\tthe\tDET\tDT\tPronType=Art|Definite=Def\t2\tdet\t_\t_\n"
        "2\ttalks\ttalks\tPROPN\tNNS\tNumber=Plur|Typo=Yes\t4\tnsubj:pass\t_\t_\n"
        "3\twere\tbe\tAUX\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t4\taux:pass\t_\t_\n"
        "4\theld\thold\tVERB\tVBD\tTense=Past|VerbForm=Fin\t0\troot\t_\t_\n"
        "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";
    ud_scores sc;
    char err[256];
    CHECK_INT(score(gold_tree, sys, &sc, err, sizeof err), 0);
    CHECK_NEAR(sc.upos, 80.0);
    CHECK_NEAR(sc.xpos, 80.0);
    CHECK_NEAR(sc.ufeats, 80.0);  /* word 4 only */
    CHECK_NEAR(sc.alltags, 60.0); /* words 2 and 4 */
    CHECK_NEAR(sc.lemmas, 80.0);
    CHECK_NEAR(sc.las, 100.0);
    /* content words: talks, held; MLAS fails on talks (UPOS) and held */
    CHECK_NEAR(sc.mlas, 0.0);
    CHECK_NEAR(sc.blex, 50.0);
}

static void test_wrong_head(void)
{
    const char *sys =
        "1\tThe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t4\tdet\t_\t_\n"
        "2\ttalks\ttalk\tNOUN\tNNS\tNumber=Plur\t4\tnsubj:pass\t_\t_\n"
        "3\twere\tbe\tAUX\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t4\taux:pass\t_\t_\n"
        "4\theld\thold\tVERB\tVBN\tTense=Past|VerbForm=Part|Voice=Pass\t0\troot\t_\t_\n"
        "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";
    ud_scores sc;
    char err[256];
    CHECK_INT(score(gold_tree, sys, &sc, err, sizeof err), 0);
    CHECK_NEAR(sc.uas, 80.0);
    CHECK_NEAR(sc.las, 80.0);
    CHECK_NEAR(sc.las_full, 80.0);
    CHECK_NEAR(sc.upos, 100.0);
    CHECK_NEAR(sc.clas, 100.0); /* det is not a content relation */
    CHECK_NEAR(sc.mlas, 0.0);   /* talks lost its det child, held gained it */
}

static void test_subtype(void)
{
    const char *sys =
        "1\tThe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t2\tdet\t_\t_\n"
        "2\ttalks\ttalk\tNOUN\tNNS\tNumber=Plur\t4\tnsubj\t_\t_\n"
        "3\twere\tbe\tAUX\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t4\taux:pass\t_\t_\n"
        "4\theld\thold\tVERB\tVBN\tTense=Past|VerbForm=Part|Voice=Pass\t0\troot\t_\t_\n"
        "5\t.\t.\tPUNCT\t.\t_\t4\tobj\t_\t_\n\n";
    ud_scores sc;
    char err[256];
    CHECK_INT(score(gold_tree, sys, &sc, err, sizeof err), 0);
    CHECK_NEAR(sc.uas, 100.0);
    CHECK_NEAR(sc.las, 80.0);      /* punct -> obj */
    CHECK_NEAR(sc.las_full, 60.0); /* and nsubj:pass -> nsubj */
}

/* "I don't know." with don't = do + n't. */
static const char *gold_mwt =
    "1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

static void test_multiword(void)
{
    ud_scores sc;
    char err[256];
    /* the same words, upper-cased inside the multiword token */
    const char *same =
        "1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
        "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "2\tDO\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
        "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
        "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\t_\n"
        "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";
    CHECK_INT(score(gold_mwt, same, &sc, err, sizeof err), 0);
    CHECK_NEAR(sc.words, 100.0);
    CHECK_NEAR(sc.las, 100.0);
    /* one word for the token: the token is right, two words are lost */
    const char *joined =
        "1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n"
        "2\tdon't\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n"
        "3\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\t_\n"
        "4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
    CHECK_INT(score(gold_mwt, joined, &sc, err, sizeof err), 0);
    CHECK_NEAR(sc.tokens, 100.0);
    CHECK_NEAR(sc.words, 200.0 * 3 / 9);
    CHECK_NEAR(sc.uas, 200.0 * 3 / 9);
    /* a multiword token split in the wrong place: "don" + "'t" */
    const char *wrong =
        "1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
        "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "2\tdon\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
        "3\t't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
        "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\t_\n"
        "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";
    CHECK_INT(score(gold_mwt, wrong, &sc, err, sizeof err), 0);
    CHECK_NEAR(sc.tokens, 100.0);
    CHECK_NEAR(sc.words, 60.0);
}

/* A token split in three: "3.5" as 3 . 5 */
static void test_split_token(void)
{
    const char *gold =
        "1\tIt\tit\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
        "2\tcosts\tcost\tVERB\tVBZ\t_\t0\troot\t_\t_\n"
        "3\t3.5\t3.5\tNUM\tCD\t_\t2\tobj\t_\tSpaceAfter=No\n"
        "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
    const char *sys =
        "1\tIt\tit\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
        "2\tcosts\tcost\tVERB\tVBZ\t_\t0\troot\t_\t_\n"
        "3\t3\t3\tNUM\tCD\t_\t2\tobj\t_\tSpaceAfter=No\n"
        "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\tSpaceAfter=No\n"
        "5\t5\t5\tNUM\tCD\t_\t2\tobj\t_\tSpaceAfter=No\n"
        "6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
    ud_scores sc;
    char err[256];
    CHECK_INT(score(gold, sys, &sc, err, sizeof err), 0);
    CHECK_NEAR(sc.tokens, 60.0);
    CHECK_NEAR(sc.words, 60.0);
    CHECK_NEAR(sc.las, 60.0);
    CHECK_INT(sc.sys_tokens, 6);
    /* the other way round: the same scores */
    CHECK_INT(score(sys, gold, &sc, err, sizeof err), 0);
    CHECK_NEAR(sc.tokens, 60.0);
}

/* Three gold sentences; the system joins the last two. */
static void test_sentences(void)
{
    const char *gold =
        "1\tGo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
        "2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n"
        "1\tStop\tstop\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
        "2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n"
        "1\tWait\twait\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
        "2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n";
    const char *sys =
        "1\tGo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
        "2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n"
        "1\tStop\tstop\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
        "2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n"
        "3\tWait\twait\tVERB\tVB\t_\t1\tparataxis\t_\tSpaceAfter=No\n"
        "4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
    ud_scores sc;
    char err[256];
    CHECK_INT(score(gold, sys, &sc, err, sizeof err), 0);
    CHECK_NEAR(sc.sentences, 40.0);
    CHECK_NEAR(sc.tokens, 100.0);
    CHECK_NEAR(sc.words, 100.0);
    CHECK_NEAR(sc.uas, 200.0 * 5 / 12);
    CHECK_INT(sc.gold_sents, 3);
    CHECK_INT(sc.sys_sents, 2);
}

static void test_text_differs(void)
{
    const char *sys = "1\tThe\t_\t_\t_\t_\t0\troot\t_\t_\n"
                      "2\ttalk\t_\t_\t_\t_\t1\tdep\t_\t_\n\n";
    ud_scores sc;
    char err[256] = "";
    CHECK_INT(score(gold_tree, sys, &sc, err, sizeof err), -1);
    CHECK(strstr(err, "differ") != NULL);
    CHECK(strstr(err, "\"s") != NULL); /* gold goes on with "s" */
}

/* Raw text into words: clitics as multiword tokens, spans, no heads. */
static void test_from_text(void)
{
    const char *text = "I don't know. It's Bob's.\n\nNext one";
    mem_arena a = {0};
    ud_sent *s;
    int n;
    CHECK_INT(ud_from_text(&a, text, strlen(text), &s, &n), 0);
    CHECK_INT(n, 3);
    if (n != 3)
        return;
    CHECK_INT(s[0].n, 5);
    CHECK_INT(s[0].nmwt, 1);
    CHECK_STR(s[0].mwt[0].form, "don't");
    CHECK_INT(s[0].mwt[0].first, 2);
    CHECK_INT(s[0].mwt[0].last, 3);
    CHECK_STR(s[0].w[1].form, "do");
    CHECK_STR(s[0].w[2].form, "n't");
    CHECK_INT(s[0].w[2].start, 4);
    CHECK_INT(s[0].w[2].end, 7);
    CHECK_INT(s[0].w[2].head, -1);
    CHECK_STR(s[0].w[2].upos, "_");
    CHECK_STR(s[0].text, "I don't know.");
    CHECK_INT(s[1].nmwt, 2);
    CHECK_STR(s[1].mwt[1].form, "Bob's");
    CHECK(!s[1].newpar && s[2].newpar && s[0].newdoc);
    mem_buf b;
    mem_buf_init(&b, 0);
    ud_write_buf(&b, &s[0]);
    CHECK(strstr(b.data, "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\t") != NULL);
    CHECK(strstr(b.data, "4\tknow\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n") != NULL);
    mem_buf_free(&b);
    mem_arena_free(&a);
}

/* Rebuilt text and the splitter's own words score 100 against themselves. */
static void test_round_trip(void)
{
    mem_arena a = {0};
    int ng;
    ud_sent *g = parse(&a, gold_mwt, &ng);
    size_t len;
    char *text = ud_raw_text(g, ng, &len);
    CHECK_STR(text, "I don't know.");
    ud_scores sc;
    char err[256];
    CHECK_INT(ud_eval_tokenizer(g, ng, &sc, err, sizeof err), 0);
    CHECK_NEAR(sc.tokens, 100.0);
    CHECK_NEAR(sc.words, 100.0);
    CHECK_NEAR(sc.sentences, 100.0);
    mem_free(text);
    mem_arena_free(&a);
}

/* Count the sentences read and skipped from buf[0..len); the last one's
 * multiword token count in *nmwt. */
static int read_count(const char *buf, size_t len, long *skipped, int *nmwt)
{
    mem_arena a = {0};
    ud_reader r;
    ud_sent s;
    int n = 0;
    ud_reader_init(&r, "t", buf, len);
    while (ud_reader_next(&r, &a, &s) == 1) {
        n++;
        if (nmwt)
            *nmwt = s.nmwt;
    }
    *skipped = r.skipped;
    mem_arena_free(&a);
    return n;
}

/* Reader bugs found by fuzz_conllu, each a case. */
static void test_reader_fixes(void)
{
    long sk;
    /* eleven columns: the row is malformed, not cut to ten */
    const char *eleven = "1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\textra\n\n";
    CHECK_INT(read_count(eleven, strlen(eleven), &sk, NULL), 0);
    CHECK_INT(sk, 1);
    /* a NUL byte in a word row */
    const char nul[] = "1\tY\0s\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n\n";
    CHECK_INT(read_count(nul, sizeof nul - 1, &sk, NULL), 0);
    CHECK_INT(sk, 1);
    /* two multiword tokens over the same words */
    const char *overlap = "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
                          "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
                          "1\tdo\t_\t_\t_\t_\t0\troot\t_\t_\n"
                          "2\tn't\t_\t_\t_\t_\t1\tadvmod\t_\t_\n\n";
    CHECK_INT(read_count(overlap, strlen(overlap), &sk, NULL), 0);
    CHECK_INT(sk, 1);
    /* a multiword token with no words does not pass to the next sentence */
    const char *alone = "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
                        "1\tdo\t_\t_\t_\t_\t0\troot\t_\t_\n"
                        "2\tit\t_\t_\t_\t_\t1\tobj\t_\t_\n\n";
    int nmwt = -1;
    CHECK_INT(read_count(alone, strlen(alone), &sk, &nmwt), 1);
    CHECK_INT(sk, 1);
    CHECK_INT(nmwt, 0);
    /* an empty multiword token form */
    const char *empty = "1-2\t\t_\t_\t_\t_\t_\t_\t_\t_\n"
                        "1\tdo\t_\t_\t_\t_\t0\troot\t_\t_\n"
                        "2\tit\t_\t_\t_\t_\t1\tobj\t_\t_\n\n";
    CHECK_INT(read_count(empty, strlen(empty), &sk, NULL), 0);
    CHECK_INT(sk, 1);
    /* "# newpar id = ..." and "# newdoc id = ..." are seen (EWT's form) */
    const char *ids = "# newdoc id = d1\n# newpar id = p1\n"
                      "1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n\n"
                      "# newpar\n1\tNo\tno\tINTJ\tUH\t_\t0\troot\t_\t_\n\n"
                      "# newparty\n1\tOk\tok\tINTJ\tUH\t_\t0\troot\t_\t_\n\n";
    mem_arena b = {0};
    int nb;
    ud_sent *vb = parse(&b, ids, &nb);
    CHECK_INT(nb, 3);
    if (nb == 3) {
        CHECK(vb[0].newdoc && vb[0].newpar);
        CHECK(!vb[1].newdoc && vb[1].newpar);
        CHECK(!vb[2].newpar);
    }
    mem_arena_free(&b);
    /* every carriage return before a line's end goes, in rows and in
     * comments (written back, they would read differently) */
    mem_arena a = {0};
    int n;
    ud_sent *v = parse(&a, "# text = Yes\r\r\n1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\r\r\n\r\n", &n);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK_STR(v[0].text, "Yes");
        CHECK_STR(v[0].w[0].misc, "_");
    }
    mem_arena_free(&a);
}

/* The splitter on EWT dev, against floors a little under what it scores. */
static void test_treebank(void)
{
    const char *shared = getenv("SHARED") ? getenv("SHARED") : "../shared";
    char path[1024];
    snprintf(path, sizeof path, "%s/ud/en_ewt/en_ewt-ud-dev.conllu", shared);
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("test_udeval: %s absent, treebank check skipped\n", path);
        return;
    }
    fclose(f);
    mem_arena a = {0};
    ud_sent *g;
    int ng;
    char err[512];
    CHECK_INT(ud_read_file(path, &a, &g, &ng, NULL, err, sizeof err, NULL, NULL), 0);
    ud_scores sc;
    CHECK_INT(ud_evaluate(g, ng, g, ng, &sc, err, sizeof err), 0);
    CHECK_NEAR(sc.las, 100.0);
    CHECK_INT(ud_eval_tokenizer(g, ng, &sc, err, sizeof err), 0);
    printf("test_udeval: EWT dev: tokens %.2f, sentences %.2f, words %.2f\n",
           sc.tokens, sc.sentences, sc.words);
    CHECK(sc.tokens > TOKENS_FLOOR);
    CHECK(sc.words > WORDS_FLOOR);
    CHECK(sc.sentences > SENTENCES_FLOOR);
    mem_free(g);
    mem_arena_free(&a);
}

int main(void)
{
    test_identical();
    test_tags();
    test_wrong_head();
    test_subtype();
    test_multiword();
    test_split_token();
    test_sentences();
    test_text_differs();
    test_from_text();
    test_round_trip();
    test_reader_fixes();
    test_treebank();
    TEST_DONE();
}
