/*
 * segment.h - paragraphs, sentences and tokens. A document's text is cut
 * into paragraphs (blank lines), sentences (terminal punctuation that is not
 * part of an abbreviation or an initial; headlines without punctuation) and
 * tokens (words, clitics 's n't 're..., hyphens and punctuation apart; URLs,
 * addresses, times and dates whole, as UD English has them), each with
 * byte offsets into the text and a folded form for matching.
 */
#ifndef ENT_SEGMENT_H
#define ENT_SEGMENT_H

#include <stddef.h>
#include "base/mem.h"

enum {
    SEG_WORD = 1,   /* letters or digits */
    SEG_PUNCT = 2,  /* punctuation, quotes, dashes */
    SEG_CAP = 4,    /* starts with an upper-case letter */
    SEG_ABBR = 8,   /* abbreviation or initial ending in '.' */
    SEG_QUOTE = 16, /* a quotation mark */
    SEG_CLITIC = 32 /* split from the word before it ('s, n't): with it, one
                       multiword token of UD */
};

typedef struct seg_token {
    size_t start, end;    /* bytes in the document text */
    const char *norm;     /* folded form (text_fold) */
    unsigned flags;
} seg_token;

typedef struct seg_sentence {
    size_t start, end;
    int tok0, ntok;       /* tokens [tok0, tok0 + ntok) */
    int para;             /* paragraph index */
    int tags;             /* a page's tag list ("Tags Syria Raqqa ..."): no
                             sentence, no events (its names still count) */
    int wire;             /* a wire story's header ("PARIS (Reuters) -") */
} seg_sentence;

typedef struct seg_doc {
    seg_token *toks;
    int ntoks;
    seg_sentence *sents;
    int nsents;
    int nparas;
} seg_doc;

/* Segment text[0..len) into out; all memory comes from the arena. Returns 0,
 * or -1 when memory runs out. Sentences longer than SEG_MAX_TOKENS tokens
 * are cut there. */
#define SEG_MAX_TOKENS 400
int seg_split(mem_arena *a, const char *text, size_t len, seg_doc *out);

/* 1 if token t of text is one of the lower-case, non-empty words ws (a
 * NULL-terminated list), in any case. */
int seg_token_is(const char *text, const seg_token *t, const char *const *ws);

/* 1 if the folded word w is an abbreviation that takes a period. */
int seg_is_abbrev(const char *w, size_t n);

#endif
