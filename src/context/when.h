/*
 * when.h - the date of an event, from the date expressions of its sentence.
 * Given the folded tokens of one sentence, the index of the event's verb
 * and the document date, when_resolve finds the date expression that
 * belongs to the verb ("on Friday", "December 5, 2016", "two weeks ago",
 * "last month", ...) and turns it into a calendar date with a granularity.
 * No memory is allocated; the result's strings are static. See
 * docs/internals/when.md for the rules and test/spec_dates.txt for cases.
 */
#ifndef ENT_WHEN_H
#define ENT_WHEN_H

typedef struct when_result {
    int date;          /* yyyymmdd resolved; 0 when the sentence names no date */
    const char *rule;  /* static string naming the rule: "explicit" (full date), "explicit-no-year"
                          ("on June 21": year from the document, the past occurrence unless future),
                          "month-year" ("in March 2016"), "weekday" ("on Friday", "Tuesday's meeting"),
                          "relative-day" (today, yesterday, tomorrow, "last night"), "relative-week"
                          ("last week", "this week", "next week"), "relative-month" ("last month",
                          "earlier this month", "next month"), "relative-year" ("last year",
                          "earlier this year", "in 2015" -> "year"), "ago" ("two weeks ago", "3 days ago",
                          "a month ago"), or NULL */
    int t0, t1;        /* token span [t0, t1) of the expression in the sentence, -1 if none */
    char granularity;  /* 'd' day, 'w' week, 'm' month, 'y' year, 0 none */
    int future;        /* 1 if the resolved date is after the document date */
} when_result;

/* Resolve the date expression of the sentence whose folded tokens are norms[0..n)
 * (lower-case words; punctuation and "'s" are separate tokens, e.g. "december" "5" "," "2016";
 * "tuesday" "'s" "meeting"; "two" "weeks" "ago"; "23" "november" "2015"; "mid-march" is "mid" "-" "march").
 * anchor is the index of the event's verb: when several expressions occur, take the one nearest to
 * the anchor in the same clause (prefer one after the verb, within 8 tokens, then before).
 * An anchor outside [0, n) takes the first expression of the sentence.
 * doc_date is the document date yyyymmdd. tense_future is 1 when the verb is future/modal
 * ("will meet on Friday" -> the next Friday; otherwise weekdays and bare month-days resolve to the
 * most recent occurrence on or before the document date).
 * Returns 1 and fills *out when an expression is found, else 0 (out->date = 0). Never reads past n.
 * A NULL entry of norms counts as an empty token. */
int when_resolve(const char *const *norms, int n, int anchor, int doc_date, int tense_future,
                 when_result *out);

/* Helpers exposed for tests: days since 1970-01-01 <-> yyyymmdd (proleptic
 * Gregorian calendar), weekday (0 = Monday ... 6 = Sunday). */
long when_days(int yyyymmdd);
int when_from_days(long days);
int when_weekday(int yyyymmdd);

#endif
