/*
 * petrarch.h - readers for the dictionary formats of PETRARCH2/TABARI (the
 * event-data field's verbs, actors, agents and discards files) into
 * entente's in-memory dictionaries (dict.h), so the shallow coder can code
 * with them. What is converted and what is not: docs/petrarch.md.
 */
#ifndef ENT_PETRARCH_H
#define ENT_PETRARCH_H

#include "code/codeint.h"
#include "lexicon/dict.h"

/* Read one PETRARCH file of type "verbs", "actors", "agents" or
 * "discards" from memory into d. Lines that cannot be read are reported
 * as "name:line: message" through d's diag callback, counted in
 * dict_nbad(d) and skipped. Returns 0, or -1 for an unknown type. */
int petr_load_buffer(dict *d, const char *type, const char *name,
                     const char *buf, size_t len);
/* The same from a file; -1 if it cannot be read (errno is set). */
int petr_load_file(dict *d, const char *type, const char *path);

/* ---- PETRARCH mode's coding rules (docs/petrarch.md), for event.c ---- */

/* The reach of a gap between a pattern's words in PETRARCH mode (entente:
 * 4): PETRARCH matches them anywhere in the verb phrase. */
#define PETR_GAP_MAX 12

/* 1 if the pattern p that matches at token i is a noun phrase rather than
 * a verb, as PETRARCH's parse would have it: an article two or three plain
 * lower-case words before a verb ("a brief private visit"), just before
 * the verb of a pattern that starts with other words ("in an accord"), or
 * before such a pattern whose target comes before its verb ("an anti-
 * Gondor parade"). */
int petr_nominal(const cod_sentence *s, int i, const dict_pattern *p);

/* 1 if the actor just before token i (over at most three plain words:
 * "Gondor and Osgiliath have renewed") is a compound, for "% *" patterns. */
int petr_compound_before(const cod_sentence *s, int i);

/* The group of the first actor inside the gaps of match x: the target of
 * "allowed that Mordor isn't a really pleasant place", the source of
 * "Neither Galadriel nor Gollum boycotted"; or -1. */
int petr_actor_in_match(const cod_sentence *s, const cod_match *x);

/* Drop the events of a clause that "after", "before", "when", "while" or
 * "until" opens after a pattern that coded an event: PETRARCH codes the
 * verb phrase above, not the clause inside it ("restore ties ... after
 * crowds burned down its embassy"). Returns -1 on OOM. */
int petr_drop_subordinate(cod_sentence *s);

/* Drop the events of the comma clauses PETRARCH drops by their length
 * (its comma_* options, ent_coder_set_petrarch_option): an event coded
 * in such a clause or naming an actor there. Returns -1 on OOM. */
int petr_drop_commas(cod_sentence *s);

/* 1 if the comma at token j joins two plain lower-case words of one
 * phrase ("restore complete, full diplomatic ties"): no clause break. */
int petr_comma_in_phrase(const cod_sentence *s, int j);

/* PETRARCH's "^": the end of the noun phrase at token i (after any
 * prepositions: "with Eriador next week"), which runs to the next
 * preposition, comma or clause break, an actor's name whole; -1 if there
 * is no such phrase. */
int petr_skip_phrase(const cod_sentence *s, int i);

#endif
