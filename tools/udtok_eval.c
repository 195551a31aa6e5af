/*
 * udtok_eval.c - how well entente's sentence splitter and tokenizer match
 * a UD treebank: rebuilds the raw text from the "# text =" lines, splits it
 * with seg_split (ud_from_text) and prints the CoNLL 2018 shared task's
 * Tokens, Sentences and Words F1 (ud_eval_tokenizer).
 *
 *   build/udtok_eval GOLD.conllu...           the three F1 per file
 *   build/udtok_eval -o SYS.conllu GOLD.conllu   also write the system's
 *                                               sentences as CoNLL-U
 *   build/udtok_eval -s SYS.conllu GOLD.conllu   score a system's CoNLL-U
 *                                               file instead: every metric
 */
#include "syntax/udeval.h"

#include <stdio.h>
#include <string.h>

static int write_system(const char *path, const ud_sent *gold, int ngold)
{
    size_t len;
    char *text = ud_raw_text(gold, ngold, &len);
    mem_arena a = {0};
    ud_sent *sys;
    int nsys;
    FILE *f = fopen(path, "w");
    int rc = !text || !f || ud_from_text(&a, text, len, &sys, &nsys) ? -1 : 0;
    for (int i = 0; rc == 0 && i < nsys; i++)
        ud_write(f, &sys[i]);
    if (f && fclose(f))
        rc = -1;
    mem_arena_free(&a);
    mem_free(text);
    if (rc)
        fprintf(stderr, "udtok_eval: cannot write %s\n", path);
    return rc;
}

static int eval_file(const char *path, const char *sys_out)
{
    mem_arena a = {0};
    ud_sent *gold;
    int ngold, rc;
    long skipped = 0;
    char err[512];
    ud_scores sc;
    rc = ud_read_file(path, &a, &gold, &ngold, &skipped, err, sizeof err, NULL, NULL);
    if (rc == 0)
        rc = ud_eval_tokenizer(gold, ngold, &sc, err, sizeof err);
    if (rc == 0)
        printf("%s: Tokens %.2f  Sentences %.2f  Words %.2f  (gold %ld tokens, "
               "%ld sentences, %ld words; system %ld, %ld, %ld)\n", path,
               sc.tokens, sc.sentences, sc.words, sc.gold_tokens, sc.gold_sents,
               sc.gold_words, sc.sys_tokens, sc.sys_sents, sc.sys_words);
    else
        fprintf(stderr, "udtok_eval: %s\n", err);
    if (rc == 0 && skipped)
        fprintf(stderr, "udtok_eval: %s: %ld malformed sentences skipped\n", path, skipped);
    if (rc == 0 && sys_out)
        rc = write_system(sys_out, gold, ngold);
    mem_free(gold);
    mem_arena_free(&a);
    return rc;
}

/* Score the CoNLL-U file sys_path against gold_path: the whole table. */
static int score_file(const char *gold_path, const char *sys_path)
{
    mem_arena a = {0};
    ud_sent *gold = NULL, *sys = NULL;
    int ngold, nsys, rc;
    char err[512];
    ud_scores sc;
    rc = ud_read_file(gold_path, &a, &gold, &ngold, NULL, err, sizeof err, NULL, NULL);
    if (rc == 0)
        rc = ud_read_file(sys_path, &a, &sys, &nsys, NULL, err, sizeof err, NULL, NULL);
    if (rc == 0)
        rc = ud_evaluate(gold, ngold, sys, nsys, &sc, err, sizeof err);
    if (rc == 0)
        ud_scores_print(stdout, &sc);
    else
        fprintf(stderr, "udtok_eval: %s\n", err);
    mem_free(gold);
    mem_free(sys);
    mem_arena_free(&a);
    return rc;
}

int main(int argc, char **argv)
{
    const char *sys_out = NULL, *sys_in = NULL;
    int i = 1, rc = 0;
    while (i + 1 < argc && (!strcmp(argv[i], "-o") || !strcmp(argv[i], "-s"))) {
        *(argv[i][1] == 'o' ? &sys_out : &sys_in) = argv[i + 1];
        i += 2;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: udtok_eval [-o SYS.conllu] GOLD.conllu...\n"
                        "       udtok_eval -s SYS.conllu GOLD.conllu\n");
        return 2;
    }
    if (sys_in)
        return score_file(argv[i], sys_in) ? 1 : 0;
    for (; i < argc; i++)
        if (eval_file(argv[i], sys_out))
            rc = 1;
    return rc;
}
