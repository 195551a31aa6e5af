/*
 * ud.h - Universal Dependencies sentences: the data the tagger and parser
 * read and write, the CoNLL-U reader and writer (conllu.c) and the CoNLL
 * 2018 shared task's scores (udeval.c). Nothing here is English-specific.
 *
 * A ud_sent holds the syntactic words of one sentence (ids 1..n; head 0 is
 * the root) and the multiword tokens that span them ("don't" -> do + n't in
 * treebanks that use them). All strings are NUL-terminated and live in the
 * arena the sentence was read into; "_" fields are stored as "_".
 */
#ifndef ENT_UD_H
#define ENT_UD_H

#include <stddef.h>
#include <stdio.h>
#include "base/mem.h"

typedef struct ud_word {
    const char *form, *lemma, *upos, *xpos, *feats, *deprel, *deps, *misc;
    int head;              /* 0: root; -1: none (unparsed) */
    long start, end;       /* byte span in the raw text, -1 if unknown */
} ud_word;

typedef struct ud_mwt {
    int first, last;       /* word ids first..last (1-based, inclusive) */
    const char *form, *misc;
} ud_mwt;

typedef struct ud_sent {
    ud_word *w;            /* w[0..n): word id i is w[i - 1] */
    int n;
    ud_mwt *mwt;
    int nmwt;
    const char *text;      /* "# text =" or NULL */
    const char *sent_id;   /* "# sent_id =" or NULL */
    int newdoc, newpar;    /* "# newdoc" / "# newpar" seen before it */
    long line;             /* line of its first row in the file */
} ud_sent;

/* A CoNLL-U reader over a whole buffer. Empty nodes (ids like 8.1) are
 * skipped (they are enhanced-graph only); a malformed row is reported
 * through err as "FILE:LINE: reason" and its sentence is skipped, counted
 * in skipped. */
typedef struct ud_reader {
    const char *buf;
    size_t len, pos;
    long line;
    const char *file;      /* for messages */
    long skipped;          /* malformed sentences skipped */
    char err[256];         /* the last message */
    void (*diag)(void *ud, const char *msg);
    void *diag_ud;
} ud_reader;

void ud_reader_init(ud_reader *r, const char *file, const char *buf, size_t len);
/* The next well-formed sentence into *s (strings in a). 1: a sentence,
 * 0: end of input, -1: out of memory. */
int ud_reader_next(ud_reader *r, mem_arena *a, ud_sent *s);

/* Read a whole file: *out an array of sentences (mem_free it; strings in
 * a), *n their count. Returns 0, or -1 with a message in err. */
int ud_read_file(const char *path, mem_arena *a, ud_sent **out, int *n,
                 long *skipped, char *err, size_t errlen,
                 void (*diag)(void *ud, const char *msg), void *diag_ud);

/* Write s as CoNLL-U (comments, multiword tokens, ten columns, blank line). */
void ud_write(FILE *f, const ud_sent *s);
void ud_write_buf(mem_buf *b, const ud_sent *s);

#endif
