/*
 * dedup.h - the sentence side of ent_dedup for the store's merge
 * (merge.c), which holds sentence hashes rather than results: the hash
 * ent_dedup_sentences gives a sentence, and the check-and-remember step it
 * runs on each.
 */
#ifndef ENT_DEDUP_H
#define ENT_DEDUP_H

#include "entente.h"

#include <stdint.h>

/* The hash of a sentence's words; 0 when it has fewer than eight words
 * (such sentences are never marked). */
uint64_t dedup_sentence_hash(const char *text);
/* 1 if a sentence with hash h was remembered from an earlier document;
 * else remember it and return 0. */
int dedup_sentence_seen(ent_dedup *d, uint64_t h);

#endif
