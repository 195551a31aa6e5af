/*
 * actor.c - actor mentions in a sentence.
 *
 * Phrases from the dictionaries are matched longest-first, then combined:
 *   country-like + agent        "Russian aircraft", "Iran's armed forces",
 *                               "Iranian-backed militias"       -> RUSMIL...
 *   agent + of + country        "the president of Syria"        -> SYRGOV
 *   title(s) + person           "Russian President Vladimir Putin": the
 *                               person's dated code (else the title's)
 *   country + title + Name      "Iranian Deputy Foreign Minister Hossein
 *                               Amir-Abdollahian" (unlisted)    -> IRNGOV
 * A bound agent alone ("the president") and a singular demonym alone
 * ("Russian backing") are not actors; "the Russians" is. A capital after
 * a place preposition ("in rural Damascus") is a place: its country code.
 * Mentions joined by "and", "&" or "as well as" (with commas) form a
 * compound group; commas alone do not (they mark appositions).
 * actor_find runs these passes as a table of stages (actor_stages, at
 * the end of the file; docs/internals/actor.md).
 */
#include "code/codeint.h"

#include <string.h>

enum { P_COUNTRY, P_CAPITAL, P_NAMED, P_PERSON, P_DEMONYM, P_AGENT };

typedef struct proto {
    int t0, t1;
    int type;
    char code[64];
    const char *kind;
    const char *entry;
    const dict_actor *person;
    int plural;     /* demonym used as a noun */
    int solo;       /* agent that stands alone */
    int title;      /* can precede a person's name */
    int prefix;     /* agent code goes before the country ("NGO~") */
    int group;      /* demonym of a religious or ethnic group ("Shia") */
    int dead;       /* merged away */
    int lone;       /* an agent not combined with any actor */
} proto;

static const char *const backed_words[] = {
    "backed", "based", "supported", "trained", "funded", "sponsored", "allied",
    "aligned", "affiliated", "armed", "financed", "equipped", "controlled",
    NULL};

static const char *const place_preps[] = {
    "in", "at", "near", "around", "outside", "across", "inside", "into",
    "throughout", NULL};

/* tokens after which a pronoun is a subject */
static const char *const clause_openers[] = {
    ",", "and", "but", "that", "because", "while", "as", "so", "when", "if",
    "since", "after", "before", "although", "though", "(", ":", ";", "\"",
    "'", "-", "whereas", "yet", "where", NULL};

int actor_is_one_state_kind(const char *kd)
{
    return !strcmp(kd, "country") || !strcmp(kd, "capital") || !strcmp(kd, "igo") ||
           !strcmp(kd, "group") || !strcmp(kd, "org");
}

int actor_is_state_kind(const char *kd)
{
    return actor_is_one_state_kind(kd) || !strcmp(kd, "pair");
}

/* nouns that refer back to two states: "the two countries", "both sides" */
static const char *const pair_nouns[] = {
    "countries", "sides", "nations", "states", "allies", "governments", "foes",
    "rivals", "neighbours", "neighbors", "powers", "capitals", "partners",
    "adversaries", "parties", NULL};

static const char *join_entry(cod_sentence *s, const char *a, const char *b);

/* Mentions for "the two countries" / "both sides" (stage "pairs", 6a).
 * s->m[0..*nm) are sorted by position; covered[] maps tokens to them. */
static int pair_refs(cod_sentence *s, int *covered, int *nm)
{
    int extra = 0;
    for (int i = 0; i + 1 < s->n; i++)
        extra += (cod_is(s, i, "two") || cod_is(s, i, "both")) &&
                 cod_is_any(s, i + 1, pair_nouns);
    if (!extra)
        return 0;
    cod_mention *m2 = mem_arena_alloc(s->arena, sizeof *m2 * (size_t)(*nm + 2 * extra + 1));
    if (!m2)
        return -1;
    int n2 = 0, k = 0;
    for (int i = 0; i + 1 < s->n; i++) {
        while (k < *nm && s->m[k].t0 <= i)
            m2[n2++] = s->m[k++];
        int two = cod_is(s, i, "two") && cod_is(s, i - 1, "the");
        int both = cod_is(s, i, "both");
        if (!(two || both) || !cod_is_any(s, i + 1, pair_nouns) || covered[i] >= 0 ||
            covered[i + 1] >= 0)
            continue;
        /* "both sides of the border", "the two sides' positions" are fine;
         * "both sides" as a determiner of a noun ("both countries' leaders")
         * still names them */
        const char *code[2] = {NULL, NULL}, *entry[2] = {NULL, NULL};
        /* in this sentence: the last two states joined by "and" */
        for (int j = n2 - 1; j > 0 && !code[0]; j--) {
            const cod_mention *a = &m2[j - 1], *b = &m2[j];
            if (!actor_is_state_kind(a->kind) || !actor_is_state_kind(b->kind) ||
                !strcmp(a->code, b->code))
                continue;
            int joined = 1;
            for (int t = a->t1; t < b->t0; t++)
                if (!cod_is(s, t, "and") && !cod_is(s, t, ","))
                    joined = 0;
            if (joined && b->t0 > a->t1) {
                code[0] = a->code;
                entry[0] = a->entry;
                code[1] = b->code;
                entry[1] = b->entry;
            }
        }
        if (!code[0] && s->prev_pair_code[0]) {
            for (int q = 0; q < 2; q++) {
                code[q] = s->prev_pair_code[q];
                entry[q] = s->prev_pair_entry[q];
            }
        }
        if (!code[0])
            continue;
        int t0 = two ? i - 1 : i;
        for (int q = 0; q < 2; q++) {
            cod_mention pm;
            pm.t0 = t0;
            pm.t1 = i + 2;
            pm.code = code[q];
            pm.kind = "pair";
            pm.entry = join_entry(s, "reference to two", entry[q]);
            pm.group = -1;
            m2[n2++] = pm;
        }
        i++;
    }
    while (k < *nm)
        m2[n2++] = s->m[k++];
    s->m = m2;
    *nm = n2;
    s->nm = n2;
    for (int i = 0; i < s->n; i++)
        covered[i] = -1;
    for (int j = 0; j < n2; j++)
        for (int t = s->m[j].t0; t < s->m[j].t1; t++)
            covered[t] = j;
    for (int i = 0; i < s->n; i++)
        s->mention_at[i] = covered[i];
    return 0;
}

/* what a state proposes or wants: "the Russian plan" stands for Russia */
static const char *const stance_nouns[] = {
    "plan", "proposal", "proposals", "offer", "request", "demand", "demands",
    "initiative", "draft", "ultimatum", "bid", "position", "stance", "plea",
    NULL};

static const char *const compass_words[] = {"west", "east", "north", "south", NULL};

/* parts of a city or country: "the outskirts of Damascus" is a place */
static const char *const area_nouns[] = {
    "neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods", "suburb", "suburbs",
    "outskirts", "countryside", "district", "districts", "centre", "center", "heart",
    "streets", "parts", "part", "areas", "area", "west", "east", "north", "south", "city",
    "province", "region", "environs", "vicinity",
    /* waters and ways in: "the Gulf of Aden", "the port of Latakia" */
    "gulf", "bay", "port", "harbour", "harbor", "coast", "airport", "strait", "sea", NULL};

/* the weapons and attacks of an armed force: "the Russian air strikes",
 * "Israeli tank fire", "a Turkish drone strike" are its military's */
static const char *const attack_nouns[] = {
    "airstrike", "airstrikes", "air", "strike", "strikes", "raid", "raids", "bombardment",
    "bombardments", "bombing", "bombings", "bombs", "bomb", "shelling", "shells", "fire",
    "gunfire", "shellfire", "missile", "missiles", "rocket", "rockets", "mortar", "mortars",
    "drone", "tank", "offensive", "counteroffensive", "counter-offensive", "assault",
    "incursion", "invasion", "operation", "operations", "attack", "attacks", "barrel",
    "aerial", "ground", "military", "aggression", "onslaught", "siege", "blockade",
    "crackdown", NULL};

/* An all-capital media name ("AFP", "SANA") as the sentence's last word. */
static int byline(const cod_sentence *s, const proto *q)
{
    size_t n = strlen(q->code);
    if (n < 3 || strcmp(q->code + n - 3, "MED"))
        return 0;
    for (size_t k = s->tok[q->t0].start; k < s->tok[q->t0].end; k++)
        if (s->text[k] >= 'a' && s->text[k] <= 'z')
            return 0;
    for (int j = q->t1; j < s->n; j++)
        if ((s->tok[j].flags & SEG_WORD) || cod_is(s, j, "."))
            return 0; /* a headline's byline has no full stop after it */
    static const char *const addressing[] = {"told", "tells", "said", "says", "to", "by",
                                             "from", "with", "according", NULL};
    return !cod_is_any(s, q->t0 - 1, addressing);
}

/* "TEHRAN -", "BEIRUT (Reuters) -", "LONDON, Oct. 17 --": a dateline, the
 * place the story was filed from, is no actor: a name in capitals that
 * opens the sentence and a dash, a bracket or a comma with a date after
 * it. */
static int dateline(const cod_sentence *s, const proto *q)
{
    if (q->t0 > 1 || (q->t0 == 1 && (s->tok[0].flags & SEG_WORD)))
        return 0;
    for (int t = q->t0; t < q->t1; t++)
        for (size_t k = s->tok[t].start; k < s->tok[t].end; k++)
            if (s->text[k] >= 'a' && s->text[k] <= 'z')
                return 0;
    int j = q->t1;
    return j < s->n && (cod_is(s, j, "-") || cod_is(s, j, "--") || cod_is(s, j, "–") ||
                        cod_is(s, j, "—") || cod_is(s, j, "(") || cod_is(s, j, ":") ||
                        (cod_is(s, j, ",") && j + 1 < s->n && (s->tok[j + 1].flags & SEG_CAP)));
}

int actor_is_attack_noun(const cod_sentence *s, int i)
{
    return cod_is_any(s, i, attack_nouns);
}

/* "the Moscow talks", "the Astana process": a city naming an event */
static const char *const venue_nouns[] = {
    "talks", "meeting", "meetings", "summit", "conference", "process", "format", "news",
    "press", "briefing", "ceremony", "airport",
    "negotiations", "accord", "accords", "agreement", "agreements", "declaration",
    "communique", "forum", "round", "protocol", "memorandum", NULL};

static const char *const kind_str[] = {
    "country", "capital", "person", "igo", "group", "org", "media"};

/* Country part of a code: "RUSGOV" -> "RUS"; IGO and other codes as-is. */
static void country_of(const char *code, char *out)
{
    /* out has room for 64 bytes */
    size_t n = strlen(code);
    if (n >= 3 && strncmp(code, "IGO", 3) != 0 && strncmp(code, "NGO", 3) != 0 &&
        strncmp(code, "IMG", 3) != 0) {
        memcpy(out, code, 3);
        out[3] = 0;
    } else {
        snprintf(out, 64, "%s", code);
    }
}

static int country_like(const proto *p)
{
    return p->type == P_COUNTRY || p->type == P_CAPITAL || p->type == P_DEMONYM;
}

static const char *join_entry(cod_sentence *s, const char *a, const char *b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    size_t n = strlen(a) + strlen(b) + 3;
    char *r = mem_arena_alloc(s->arena, n);
    if (r)
        snprintf(r, n, "%s, %s", a, b);
    return r ? r : a;
}

/* A lower-case word that can sit between a country and its agent: not a
 * verb form, a function word or punctuation ("new", "special", "elite"). */
static const char *const not_adjectives[] = {
    "and", "or", "but", "the", "a", "an", "of", "to", "in", "on", "at", "by",
    "for", "with", "from", "that", "which", "who", "has", "have", "had", "is",
    "are", "was", "were", "be", "been", "will", "would", "may", "might", "can",
    "could", "said", "says", "not", "also", "its", "their", "his", "her", NULL};

static int plain_adjective(const cod_sentence *s, int i)
{
    if (i < 0 || i >= s->n || !(s->tok[i].flags & SEG_WORD) || (s->tok[i].flags & SEG_CAP))
        return 0;
    const char *w = s->norm[i];
    size_t n = strlen(w);
    if (n < 3 || cod_is_any(s, i, not_adjectives))
        return 0;
    if (n > 3 && (!strcmp(w + n - 3, "ing") || !strcmp(w + n - 2, "ed")))
        return 0;
    if (w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i')
        return 0; /* a plural noun or a verb in -s */
    return 1;
}

/* A hyphen glued to the words on both sides ("anti-Assad"). */
static int glued_hyphen(const cod_sentence *s, int i)
{
    return i > 0 && i + 1 < s->n && cod_is(s, i, "-") &&
           s->text[s->tok[i].start] == '-' && s->tok[i - 1].end == s->tok[i].start &&
           s->tok[i].end == s->tok[i + 1].start;
}

static int is_cap_word(const cod_sentence *s, int i)
{
    return i < s->n && (s->tok[i].flags & SEG_CAP) && (s->tok[i].flags & SEG_WORD);
}

/* PETRARCH mode: a word that can sit inside a noun phrase between its
 * actor and agent words ("Dagolath's first Deputy Prime Minister",
 * "Ithilen's awful and evil minister"): a word that is not a function
 * word and does not start an event pattern; "and"/"or" only between two
 * such words. */
static const char *const petr_not_np[] = {
    "after", "before", "since", "until", "during", "over", "under", "into",
    "onto", "about", "against", "between", "among", "through", "across",
    "toward", "towards", "near", "than", "when", "while", "where", "as",
    "like", "if", "because", "so", "then", "now", "today", "yesterday", "ago",
    "later", "almost", "nearly", "years", "days", "months", "weeks", "nor", "neither",
    "either", NULL};

static int petr_np_word(const cod_sentence *s, int j, int lo, int hi)
{
    if (j < lo || j >= hi || !(s->tok[j].flags & SEG_WORD))
        return 0;
    if (cod_is(s, j, "and") || cod_is(s, j, "or"))
        return j > lo && j + 1 < hi && petr_np_word(s, j - 1, lo, j) &&
               petr_np_word(s, j + 1, j + 1, hi);
    int n;
    if (cod_is_any(s, j, not_adjectives) || cod_is_any(s, j, petr_not_np) ||
        (dict_patterns_for(s->d, s->norm[j], &n), n > 0))
        return 0;
    return 1;
}

/* 1 if the tokens between protos a and b leave them in one noun phrase:
 * adjacent, or "'s" and/or at most 4 plain words between. */
static int petr_same_np(const cod_sentence *s, const proto *a, const proto *b)
{
    int j = a->t1;
    if (cod_is(s, j, "'s") || cod_is(s, j, "'"))
        j++;
    if (b->t0 - j > 4)
        return 0;
    for (int k = j; k < b->t0; k++)
        if (!petr_np_word(s, k, j, b->t0))
            return 0;
    return 1;
}

/* Append agent code ag to code (size 64) unless code already holds it as
 * one of its three-letter parts ("USAGOV" + "GOV" stays "USAGOV"). */
static void petr_add_agent(char *code, const char *ag, int prefix)
{
    size_t n = strlen(code), m = strlen(ag);
    for (size_t i = 0; m && i + m <= n; i += 3)
        if (!strncmp(code + i, ag, m))
            return;
    char tmp[64];
    if (prefix)
        snprintf(tmp, sizeof tmp, "%.24s%.36s", ag, code);
    else
        snprintf(tmp, sizeof tmp, "%.36s%.24s", code, ag);
    memcpy(code, tmp, sizeof tmp);
}

/* PETRARCH mode: "the European Union (EU)": a short parenthesis after an
 * actor, naming no other actor, belongs to its noun phrase. */
static void petr_parenthesis(const cod_sentence *s, proto *p, int np)
{
    for (int k = 0; k < np; k++) {
        int j = p[k].t1;
        if (p[k].dead || !cod_is(s, j, "("))
            continue;
        int close = j + 1;
        while (close < s->n && close <= j + 4 && !cod_is(s, close, ")"))
            close++;
        if (!cod_is(s, close, ")") || close == j + 1)
            continue;
        int inner = k + 1, ok = 1;
        for (; inner < np && p[inner].t0 < close; inner++)
            ok &= !strcmp(p[inner].code, p[k].code);
        if (!ok)
            continue;
        for (int q = k + 1; q < inner; q++)
            p[q].dead = 1;
        p[k].t1 = close + 1;
    }
}

/* PETRARCH mode: the actor and agent words of one noun phrase make one
 * actor, as PETRARCH codes a noun phrase: the first actor's code, with
 * the agents after it (prefix agents, "[NGO~]", before it). "Bree Prime
 * Minister Romendacil" -> BREGOV (not BREGOV and BRE), "MSF Arnor
 * diplomat" -> NGOARNGOV, "White House security officials" -> USAGOV. A
 * phrase of agents alone is left to the rules below. */
static void petr_noun_phrases(cod_sentence *s, proto *p, int np)
{
    for (int k = 0; k < np;) {
        int e = k;
        while (e + 1 < np && petr_same_np(s, &p[e], &p[e + 1]))
            e++;
        int actor = -1, agents = 0;
        for (int j = k; j <= e; j++) {
            if (p[j].type == P_AGENT)
                agents++;
            else if (actor < 0)
                actor = j;
        }
        /* two actors and no agent: "the evil Arnor awful Gondor" is Arnor;
         * "Gondor's Osgiliath" and "Gondor Osgiliath" are left alone */
        int words_between = 0;
        for (int j = k; j < e; j++)
            words_between |= p[j + 1].t0 > p[j].t1 && p[j + 1].t0 <= p[j].t1 + 2 &&
                             !cod_is(s, p[j].t1, "'s");
        if (actor < 0 || (!agents && !words_between) || e == k) {
            k = e + 1;
            continue;
        }
        proto *r = &p[e];
        /* each code of an "[FRO/BIL/SAM]" actor takes the agents */
        char code[64] = "", codes[64];
        snprintf(codes, sizeof codes, "%s", p[actor].code);
        char *save = NULL;
        for (char *part = strtok_r(codes, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
            char one[64];
            snprintf(one, sizeof one, "%s", part);
            for (int j = e; j >= k; j--) /* prefixes: the nearest goes first */
                if (p[j].type == P_AGENT && p[j].prefix)
                    petr_add_agent(one, p[j].code, 1);
            for (int j = k; j <= e; j++)
                if (p[j].type == P_AGENT && !p[j].prefix)
                    petr_add_agent(one, p[j].code, 0);
            size_t n = strlen(code), m = strlen(one);
            if (n + m + 2 <= sizeof code) { /* else the rest is dropped */
                if (n)
                    code[n++] = '/';
                memcpy(code + n, one, m + 1);
            }
        }
        const char *entry = NULL;
        for (int j = k; j <= e; j++)
            entry = join_entry(s, entry, p[j].entry);
        int title = p[e].type == P_AGENT;
        if (!agents) { /* the first actor, as it was */
            p[actor].t1 = p[e].t1;
            p[actor].entry = entry;
            for (int j = k; j <= e; j++)
                p[j].dead = j != actor;
            k = e + 1;
            continue;
        }
        r->t0 = p[k].t0;
        snprintf(r->code, sizeof r->code, "%s", code);
        r->entry = entry;
        r->type = P_AGENT;
        r->solo = 1;
        r->prefix = 0;
        r->title = title;
        r->lone = 0;
        r->kind = "agent";
        for (int j = k; j < e; j++)
            p[j].dead = 1;
        k = e + 1;
    }
}

/* PETRARCH mode: "the ambassadors of Arnor, Osgiliath and Gondor",
 * "lawmakers in Fornost and Gondor": the agent before the compound whose
 * first member is p[k] goes with every member (ARNGOV, OSGGOV, GONGOV),
 * as PETRARCH distributes a noun phrase's head over its compound. */
static void petr_spread_agent(cod_sentence *s, proto *p, int np, int k, const proto *agent)
{
    for (int c = k + 1; c < np; c++) {
        proto *prev = &p[c - 1], *q = &p[c];
        if (q->dead || !country_like(q))
            return;
        int j = prev->t1, conj = 0;
        for (; j < q->t0; j++) {
            if (cod_is(s, j, "and")) {
                conj = 1;
                continue;
            }
            if (!cod_is(s, j, ",") && !cod_is(s, j, "the"))
                break;
        }
        if (j != q->t0 || q->t0 == prev->t1)
            return;
        char cc[64], code[64];
        country_of(q->code, cc);
        if (agent->prefix)
            snprintf(code, sizeof code, "%.24s%.24s", agent->code, cc);
        else
            snprintf(code, sizeof code, "%.24s%.24s", cc, agent->code);
        memcpy(q->code, code, sizeof code);
        q->entry = join_entry(s, agent->entry, q->entry);
        if (conj)
            return; /* "and" ends the compound */
    }
}

/* The country of an agent joined to one ("DNKMED" -> "DNK") into cc, or
 * 0 if p is no such agent; spread: p may be the country an agent was
 * spread over ("officials in Fornost and Gondor"). */
static int agent_country(const proto *p, int spread, char *cc)
{
    size_t n = strlen(p->code);
    if (p->dead || (!spread && (p->type != P_AGENT || !p->solo)) || p->lone || p->prefix ||
        n < 6 ||
        strchr(p->code, '/') || !strncmp(p->code, "---", 3))
        return 0;
    snprintf(cc, 64, "%.*s", (int)(n - 3), p->code);
    return 1;
}

/* Acronyms that are also English words ("IS", "US", "WHO", "IT") are read
 * as names only in text written in lower case: in a run of capitals ("THIS
 * IS WHY", "ISIS IS ISIL") they are the words. Such a token loses its
 * DICT_CAPS_ALL bit when a word token next to it is also in capitals and
 * three letters or longer. */
static const char *const caps_words[] = {"is", "us", "it", "who", "am", "as", "at", "in",
                                         "on", "or", "no", "so", "to", "up", "we", "he",
                                         "me", "my", "an", "be", "do", "go", "if", "of",
                                         NULL};

static int shouted_neighbour(const cod_sentence *s, const unsigned char *caps, int k)
{
    if (k < 0 || k >= s->n || !(s->tok[k].flags & SEG_WORD) || !(caps[k] & DICT_CAPS_ALL))
        return 0;
    return s->tok[k].end - s->tok[k].start >= 3;
}

static void shouted_words(const cod_sentence *s, unsigned char *caps)
{
    for (int i = 0; i < s->n; i++)
        if ((caps[i] & DICT_CAPS_ALL) && (s->tok[i].flags & SEG_WORD) &&
            cod_is_any(s, i, caps_words) &&
            (shouted_neighbour(s, caps, i - 1) || shouted_neighbour(s, caps, i + 1)))
            caps[i] &= (unsigned char)~DICT_CAPS_ALL;
}

/* PETRARCH mode: two agents joined by "and" share the country of the
 * one that has it: "Danish media and government" is DNKMED and DNKGOV
 * (but "the Danish media and government" DNKMED and ---GOV),
 * "lawmakers and officials in Fornost and Gondor" FORLEG, GONLEG (as one
 * mention per country, "[A/B]" below), FORGOV and GONGOV. */
static void petr_share_country(cod_sentence *s, proto *p, int np)
{
    for (int k = 0; k < np; k++) {
        proto *q = &p[k];
        if (q->dead || q->type != P_AGENT || !q->lone || q->prefix || strlen(q->code) > 3)
            continue;
        char cc[64], code[64] = "";
        int r = k - 1;
        while (r >= 0 && p[r].dead)
            r--;
        if (r >= 0 && p[r].t1 + 1 == q->t0 && cod_is(s, q->t0 - 1, "and") &&
            !cod_is(s, p[r].t0 - 1, "the") && agent_country(&p[r], 0, cc))
            snprintf(code, sizeof code, "%.24s%.24s", cc, q->code);
        r = k + 1;
        while (r < np && p[r].dead)
            r++;
        if (!code[0] && r < np && q->t1 + 1 == p[r].t0 && cod_is(s, q->t1, "and")) {
            /* the countries of the agent after it, spread over a compound */
            for (int prev = -1; r < np && agent_country(&p[r], prev >= 0, cc);) {
                if (prev >= 0) {
                    int j = p[prev].t1;
                    while (j < p[r].t0 && (cod_is(s, j, "and") || cod_is(s, j, ",")))
                        j++;
                    if (j != p[r].t0 || strcmp(p[r].code + strlen(cc), p[prev].code +
                                               strlen(p[prev].code) - 3))
                        break;
                }
                size_t n = strlen(code);
                if (n + strlen(cc) + strlen(q->code) + 2 >= sizeof code)
                    break;
                snprintf(code + n, sizeof code - n, "%s%.24s%.8s", n ? "/" : "", cc, q->code);
                for (prev = r++; r < np && p[r].dead; r++)
                    ;
            }
        }
        if (code[0]) {
            memcpy(q->code, code, sizeof code);
            q->lone = 0;
        }
    }
}

/* ---- actor_find: stages run from a table ---- */

/* What the stages of actor_find share: the proto-mentions (dictionary
 * phrases, combined and marked dead by the stages after stage "phrases"),
 * the map of tokens to the mentions kept, and each token's capitals. */
typedef struct actor_ctx {
    cod_sentence *s;
    proto *p;                /* proto-mentions, in text order */
    int np;
    int *covered;            /* token -> mention, or -1 (from stage "keep") */
    unsigned char *caps;     /* token -> DICT_CAPS_* bits */
    int nm;                  /* mentions in s->m */
} actor_ctx;

/* A stage returns 0, or -1 on OOM. */
typedef struct actor_stage {
    const char *name;
    int (*run)(actor_ctx *ac);
} actor_stage;

/* Each token's capitals for dict_match_phrase: all capitals, an initial
 * capital; acronyms that are words lose theirs in shouted text. */
static int astage_caps(actor_ctx *ac)
{
    cod_sentence *s = ac->s;
    unsigned char *caps = ac->caps;
    for (int i = 0; i < s->n; i++) {
        caps[i] = 1;
        int letters = 0;
        for (size_t b = s->tok[i].start; b < s->tok[i].end; b++) {
            char ch = s->text[b];
            if (ch >= 'a' && ch <= 'z')
                caps[i] = 0;
            letters += (ch >= 'A' && ch <= 'Z');
        }
        if (!letters)
            caps[i] = (s->tok[i].flags & SEG_WORD) ? 0 : 1;
        if ((s->tok[i].flags & SEG_CAP) && (s->tok[i].flags & SEG_WORD))
            caps[i] |= DICT_CAPS_INITIAL;
    }
    shouted_words(s, caps);
    return 0;
}

/* The proto-mention of the dictionary phrase f over tokens [t0, t1) into
 * q; 0 if it names no actor (an actor with no code on the date, unless a
 * person, whose title may give one). */
static int phrase_proto(const cod_sentence *s, const dict_phrase *f, int t0, int t1, proto *q)
{
    const dict *d = s->d;
    memset(q, 0, sizeof *q);
    q->t0 = t0;
    q->t1 = t1;
    if (f->type == DICT_ACTOR) {
        const dict_actor *a = dict_actor_at(d, f->idx);
        const char *code = dict_actor_code(a, s->date);
        q->entry = a->where;
        q->kind = kind_str[a->kind];
        if (a->kind == KIND_PERSON) {
            q->type = P_PERSON;
            q->person = a;
        } else if (a->kind == KIND_COUNTRY) {
            q->type = P_COUNTRY;
        } else if (a->kind == KIND_CAPITAL) {
            q->type = P_CAPITAL;
        } else {
            q->type = P_NAMED;
        }
        if (code)
            snprintf(q->code, sizeof q->code, "%s", code);
        else if (q->type != P_PERSON)
            return 0;
    } else if (f->type == DICT_DEMONYM) {
        const dict_demonym *dm = dict_demonym_at(d, f->idx);
        q->type = P_DEMONYM;
        q->plural = dm->plural;
        q->group = dm->group;
        q->title = 1;
        q->kind = dm->group ? "group" : "country";
        q->entry = dm->where;
        snprintf(q->code, sizeof q->code, "%s", dm->code);
    } else {
        const dict_agent *ag = dict_agent_at(d, f->idx);
        q->type = P_AGENT;
        q->solo = ag->solo;
        q->prefix = ag->prefix;
        q->title = !ag->solo;
        q->lone = 1;
        q->kind = "agent";
        q->entry = ag->where;
        snprintf(q->code, sizeof q->code, "%s", ag->code);
    }
    return 1;
}

/* 1. dictionary phrases, longest first: the proto-mentions */
static int astage_phrases(actor_ctx *ac)
{
    cod_sentence *s = ac->s;
    for (int i = 0; i < s->n;) {
        if (!(s->tok[i].flags & SEG_WORD)) {
            i++;
            continue;
        }
        dict_phrase ph[8];
        int nph = 0;
        int len = dict_match_phrase(s->d, s->norm, ac->caps, s->n, i, ph, 8, &nph);
        if (!len || !nph) {
            i++;
            continue;
        }
        if (!phrase_proto(s, &ph[0], i, i + len, &ac->p[ac->np])) {
            i++;
            continue;
        }
        ac->np++;
        i += len;
    }
    return 0;
}

/* PETRARCH mode: a short parenthesis joins its actor, and the actor and
 * agent words of one noun phrase make one actor */
static int astage_petr_noun_phrases(actor_ctx *ac)
{
    if (ac->s->dialect->petr_noun_phrases) {
        petr_parenthesis(ac->s, ac->p, ac->np);
        petr_noun_phrases(ac->s, ac->p, ac->np);
    }
    return 0;
}

/* 1b. a country before a religious or ethnic group: "Iraqi Shiites" is
 *     IRQSHI; with an agent after it the country alone stays ("Iraqi
 *     Shia militias" -> IRQUAF, step 2 keeps the first three letters) */
static int astage_country_group(actor_ctx *ac)
{
    cod_sentence *s = ac->s;
    proto *p = ac->p;
    for (int k = 0; k + 1 < ac->np; k++) {
        proto *a = &p[k], *b = &p[k + 1];
        if (a->dead || b->dead || !country_like(a) || a->group || b->type != P_DEMONYM ||
            !b->group || b->t0 != a->t1)
            continue;
        char cc[64], gc[64];
        country_of(a->code, cc);
        snprintf(gc, sizeof gc, "%s", b->code);
        snprintf(b->code, sizeof b->code, "%.3s%.24s", cc, gc);
        b->t0 = a->t0;
        b->entry = join_entry(s, a->entry, b->entry);
        b->group = 0;
        a->dead = 1;
    }
    return 0;
}

/* 1 if tokens [i, j) name a title's portfolio: capitalised words, with
 * "and", "&", "of" or "for" between two of them ("Telecom and Mass
 * Communications", "Deputy Culture", "Economic Affairs and Finance"). */
static int portfolio_words(const cod_sentence *s, int i, int j)
{
    static const char *const joins[] = {"and", "&", "of", "for", NULL};
    if (i >= j || !is_cap_word(s, i) || !is_cap_word(s, j - 1))
        return 0;
    for (int k = i; k < j; k++)
        if (!is_cap_word(s, k) && !(cod_is_any(s, k, joins) && is_cap_word(s, k + 1)))
            return 0;
    return 1;
}

/* 1 if the words between country-like a and agent b join them: none,
 * "'s", one plain adjective ("Afghanistan's new government", "Russian
 * special forces"; not after a bare country name), or "-backed" and a
 * few plain words. */
static int country_joins_agent(const cod_sentence *s, const proto *a, const proto *b)
{
    int gap = b->t0 - a->t1;
    int ok = gap == 0 || (gap == 1 && cod_is(s, a->t1, "'s")) ||
             (gap == 1 && cod_is(s, a->t1, "'"));
    if (!ok && (a->type == P_DEMONYM || cod_is(s, a->t1, "'s"))) {
        int j = a->t1 + (cod_is(s, a->t1, "'s") ? 1 : 0);
        ok = b->t0 == j + 1 && plain_adjective(s, j);
    }
    if (!ok && b->title && gap >= 1 && gap <= 6)
        ok = portfolio_words(s, a->t1 + (cod_is(s, a->t1, "'s") ? 1 : 0), b->t0);
    if (!ok && gap >= 2 && gap <= 4 && cod_is(s, a->t1, "-") &&
        cod_is_any(s, a->t1 + 1, backed_words)) {
        ok = 1;
        /* words between "-backed" and the agent must be plain words */
        for (int j = a->t1 + 2; j < b->t0; j++)
            if (!(s->tok[j].flags & SEG_WORD) || (s->tok[j].flags & SEG_CAP &&
                                                  !(s->tok[j].flags & SEG_WORD)))
                ok = 0;
    }
    return ok;
}

/* 2. country-like + agent ("Russian aircraft", "Iran's military",
 *    "Iranian-backed militias"; a group between "-backed" and the agent
 *    is a plain word: "Iranian-trained Shia militias" -> IRNUAF) */
static int astage_country_agent(actor_ctx *ac)
{
    cod_sentence *s = ac->s;
    proto *p = ac->p;
    int np = ac->np;
    for (int k = 0; k + 1 < np; k++) {
        proto *a = &p[k], *b = &p[k + 1];
        if (!a->dead && country_like(a) && b->type == P_DEMONYM && b->group && k + 2 < np &&
            p[k + 2].type == P_AGENT && p[k + 2].t0 == b->t1 && cod_is(s, a->t1, "-") &&
            cod_is_any(s, a->t1 + 1, backed_words) && p[k + 2].t0 - a->t1 <= 4) {
            b->dead = 1;
            b = &p[k + 2];
        }
        if (a->dead || !country_like(a) || b->type != P_AGENT)
            continue;
        if (!country_joins_agent(s, a, b))
            continue;
        char cc[64], agent[64];
        country_of(a->code, cc);
        snprintf(agent, sizeof agent, "%s", b->code);
        if (a->group && a->type == P_DEMONYM && !b->prefix)
            /* "Islamist militants", "Shia militias": the coding guide codes the
             * role (REB, UAF), its country from the context; the group stays
             * in the mention's entry */
            snprintf(b->code, sizeof b->code, "%.24s", agent);
        else if (b->prefix)
            snprintf(b->code, sizeof b->code, "%.24s%.24s", agent, cc);
        else
            snprintf(b->code, sizeof b->code, "%.24s%.24s", cc, agent);
        b->entry = join_entry(s, a->entry, b->entry);
        b->t0 = a->t0;
        b->solo = 1;         /* now a full actor */
        b->lone = 0;
        b->kind = "agent";
        a->dead = 1;
    }
    return 0;
}

/* 2b. a named group or organisation + agent: "Hamas fighters", "Taliban
 *     gunmen", "NATO troops" are the group itself */
static int astage_named_agent(actor_ctx *ac)
{
    proto *p = ac->p;
    for (int k = 0; k + 1 < ac->np; k++) {
        proto *a = &p[k], *b = &p[k + 1];
        if (a->dead || b->dead || a->type != P_NAMED || b->type != P_AGENT ||
            b->t0 != a->t1 || strlen(b->code) > 3)
            continue;
        a->t1 = b->t1;
        a->entry = join_entry(ac->s, a->entry, b->entry);
        b->dead = 1;
    }
    return 0;
}

/* 2c. two demonyms sharing an agent: "Indian and Chinese troops" (or
 *     "Syrian and allied Russian warplanes") gives INDMIL and CHNMIL */
static int astage_shared_agent(actor_ctx *ac)
{
    cod_sentence *s = ac->s;
    proto *p = ac->p;
    int np = ac->np;
    for (int k = 0; k + 1 < np; k++) {
        int nb = k + 1;
        while (nb < np && p[nb].dead)
            nb++; /* the second demonym was merged into its agent */
        if (nb >= np)
            break;
        proto *a = &p[k], *b = &p[nb];
        if (a->dead || b->dead || a->type != P_DEMONYM || a->plural || b->type != P_AGENT ||
            strlen(b->code) <= 3)
            continue;
        int j = a->t1;
        if (cod_is(s, j, ","))
            j++;
        if (!(cod_is(s, j, "and") || cod_is(s, j, "or")))
            continue;
        /* "Syrian and allied Russian warplanes": a word or two of
         * description may stand before the second demonym */
        static const char *const describing[] = {"allied", "neighbouring", "neighboring",
                                                 "fellow", "rival", "other", NULL};
        int c = j + 1;
        while (c < b->t0 && c <= j + 2 && (plain_adjective(s, c) || cod_is_any(s, c, describing)))
            c++;
        if (c != b->t0)
            continue;
        b->t0 = j + 1; /* the words belong to the second member's mention */
        /* b is the second demonym merged with the agent: reuse its agent */
        char cc[64];
        country_of(a->code, cc);
        snprintf(a->code, sizeof a->code, "%.24s%.24s", cc, b->code + 3);
        a->type = P_AGENT;
        a->solo = 1;
        a->kind = "agent";
        a->entry = join_entry(s, a->entry, b->entry);
    }
    return 0;
}

/* 2d. a demonym before what a state proposes or wants: "the Russian peace
 *     plan", "the Iranian proposal" stand for the country */
static int astage_stance(actor_ctx *ac)
{
    const cod_sentence *s = ac->s;
    for (int k = 0; k < ac->np; k++) {
        proto *a = &ac->p[k];
        if (a->dead || a->type != P_DEMONYM || a->plural)
            continue;
        int j = a->t1;
        if (cod_is_any(s, j, stance_nouns) ||
            (plain_adjective(s, j) && cod_is_any(s, j + 1, stance_nouns)))
            a->plural = 1; /* kept as the country */
    }
    return 0;
}

/* 2d'. a demonym before an attack or a weapon: "Russian airstrikes on
 *      Idlib", "Israeli tank fire" - the country's military. The
 *      mention is the demonym alone: the noun stays free to be the
 *      event ("airstrikes on") or the phrase the parse hangs it from */
static int astage_attack(actor_ctx *ac)
{
    const cod_sentence *s = ac->s;
    proto *p = ac->p;
    int np = ac->np;
    for (int k = 0; k < np; k++) {
        proto *a = &p[k];
        if (a->dead || a->type != P_DEMONYM || a->plural || a->group ||
            !cod_is_any(s, a->t1, attack_nouns) || strlen(a->code) != 3)
            continue;
        if (k + 1 < np && !p[k + 1].dead && p[k + 1].t0 == a->t1)
            continue; /* "Turkish artillery", "Russian warplanes": an agent follows */
        snprintf(a->code + 3, sizeof a->code - 3, "MIL");
        a->type = P_AGENT;
        a->solo = 1;
        a->kind = "agent";
    }
    return 0;
}

/* The state or organisation "its" before proto k (at token j) stands
 * for: the nearest named before it in the sentence, else the one "it"
 * would refer to. *named: an organisation, whose code the agent takes
 * whole. 0 if none. */
static int its_antecedent(const actor_ctx *ac, int k, int j, const char **code,
                          const char **entry, int *named)
{
    const cod_sentence *s = ac->s;
    *code = NULL;
    *entry = NULL;
    *named = 0;
    for (int q = k - 1; q >= 0 && !*code; q--) {
        const proto *a = &ac->p[q];
        if (a->dead || a->t1 > j)
            continue;
        if ((country_like(a) && (a->type != P_DEMONYM || a->plural)) ||
            (a->type == P_NAMED && strcmp(a->kind, "person") != 0)) {
            *code = a->code;
            *entry = a->entry;
            *named = a->type == P_NAMED;
        }
    }
    if (!*code && s->prev_it_code) {
        *code = s->prev_it_code;
        *entry = s->prev_it_entry;
        *named = strlen(*code) > 3 && (!strncmp(*code, "IGO", 3) || !strncmp(*code, "NGO", 3) ||
                                       !strncmp(*code, "IMG", 3));
    }
    return *code != NULL;
}

/* 2e. "its" + agent as a subject ("Its aircraft struck ..."): the
 *     agent of the nearest state or organisation named before it in
 *     the sentence, else of the one "it" would refer to; one plain
 *     adjective or "-backed" word may stand between */
static int astage_its_agent(actor_ctx *ac)
{
    cod_sentence *s = ac->s;
    for (int k = 0; k < ac->np; k++) {
        proto *b = &ac->p[k];
        if (b->dead || b->type != P_AGENT || b->solo || strlen(b->code) > 3)
            continue;
        int j = b->t0 - 1;
        if (j >= 0 && (plain_adjective(s, j) || cod_is_any(s, j, backed_words)) &&
            cod_is(s, j - 1, "its"))
            j--;
        /* only as a subject, at the start of a sentence or clause ("Its
         * aircraft struck"): after a verb ("withdrew its troops from")
         * the words belong to the event pattern */
        if (!cod_is(s, j, "its") || ac->covered[j] >= 0 ||
            (j > 0 && !cod_is_any(s, j - 1, clause_openers)))
            continue;
        const char *code, *entry;
        int named;
        if (!its_antecedent(ac, k, j, &code, &entry, &named))
            continue;
        char cc[64], agent[64];
        snprintf(agent, sizeof agent, "%s", b->code);
        if (named) {
            snprintf(b->code, sizeof b->code, "%.60s", code);
        } else {
            country_of(code, cc);
            if (b->prefix)
                snprintf(b->code, sizeof b->code, "%.24s%.24s", agent, cc);
            else
                snprintf(b->code, sizeof b->code, "%.24s%.24s", cc, agent);
        }
        b->entry = join_entry(s, join_entry(s, "possessive its", entry), b->entry);
        b->t0 = j;
        b->solo = 1;
        b->lone = 0;
        b->kind = "agent";
    }
    return 0;
}

/* words naming a part of a country: "in northeast Nigeria" */
static const char *const region_words[] = {
        "north", "south", "east", "west", "northern", "southern", "eastern", "western",
        "central", "northeast", "northwest", "southeast", "southwest", "northeastern",
        "northwestern", "southeastern", "southwestern", "north-east", "north-west",
        "south-east", "south-west", "north-eastern", "north-western", "south-eastern",
        "south-western", NULL};

/* the index after a compass word at i ("northern", "north-east", "central"),
 * else i */
static int skip_compass(const cod_sentence *s, int i)
{
    static const char *const *const one = region_words;
    static const char *const second[] = {"east", "west", "eastern", "western", NULL};
    if (cod_is_any(s, i, one)) {
        if ((cod_is(s, i, "north") || cod_is(s, i, "south")) && cod_is(s, i + 1, "-") &&
            cod_is_any(s, i + 2, second))
            return i + 3;
        return i + 1;
    }
    return i;
}

/* 3. agent + of + [the] country ("the president of Syria"), agent + in
 *    + country or capital ("protesters in Santiago", "the government in
 *    Tbilisi") */
static int astage_agent_of_country(actor_ctx *ac)
{
    cod_sentence *s = ac->s;
    proto *p = ac->p;
    int np = ac->np;
    for (int k = 0; k + 1 < np; k++) {
        proto *a = &p[k], *b = &p[k + 1];
        /* a compass word that is itself a mention ("western", WST) stands
         * between: the country after it ("in western Syria") */
        proto *region = NULL;
        if (b->t1 == b->t0 + 1 && k + 2 < np && cod_is(s, a->t1, "in") &&
            cod_is_any(s, b->t0, region_words)) {
            region = b;
            b = &p[k + 2];
        }
        if (a->dead || b->dead || a->type != P_AGENT || !country_like(b) ||
            strlen(a->code) > 3)
            continue;
        /* a singular demonym is an adjective of what follows ("the leader of
         * the Islamic world") */
        if (b->type == P_DEMONYM && !b->plural)
            continue;
        int j = a->t1;
        if (!cod_is(s, j, "of") &&
            !(cod_is(s, j, "in") && b->type != P_DEMONYM && a->solo) &&
            !(cod_is(s, j, "from") && s->dialect->agent_from))
            continue;
        j++;
        if (cod_is(s, j, "the"))
            j++;
        /* "people in northeast Nigeria", "civilians in north-western Syria":
         * a compass word between "in" and the country */
        if (j != b->t0 && cod_is(s, j - 1, "in"))
            j = skip_compass(s, j);
        if (j != b->t0)
            continue;
        char cc[64];
        country_of(b->code, cc);
        char code[64];
        if (a->prefix)
            snprintf(code, sizeof code, "%.24s%.24s", a->code, cc);
        else
            snprintf(code, sizeof code, "%.24s%.24s", cc, a->code);
        if (s->dialect->spread_agents)
            petr_spread_agent(s, p, np, k + 1, a);
        snprintf(a->code, sizeof a->code, "%s", code);
        a->t1 = b->t1;
        a->entry = join_entry(s, a->entry, b->entry);
        a->solo = 1;
        a->lone = 0;
        b->dead = 1;
        if (region)
            region->dead = 1;
    }
    return 0;
}

/* 1 if "former", "ex-", "late", "then" or "outgoing" comes right before
 * person b's mention (with its titles). */
static int past_title(const cod_sentence *s, const proto *b)
{
    static const char *const past[] = {"former", "ex", "late", "then", "outgoing",
                                       "erstwhile", NULL};
    int j = b->t0 - 1;
    if (j >= 0 && cod_is(s, j, "-"))
        j--;
    return j >= 0 && cod_is_any(s, j, past);
}

/* 1 if the title before person b says what b is better than b's dated
 * role: b is a former office holder (ELI) on the document's date, or the
 * title is another state's or an organisation's ("UN Secretary General
 * Kofi Annan" is IGOUNO, "Venezuelan President Hugo Chavez" in an undated
 * text is VENGOV), unless the title is itself past. */
static int title_overrides(const cod_sentence *s, const proto *b, const char *title_code)
{
    if (past_title(s, b))
        return 0;
    size_t n = strlen(b->code);
    if (n >= 3 && !strcmp(b->code + n - 3, "ELI"))
        return 1;
    return strncmp(b->code, title_code, 3) != 0;
}

/* 4. titles + person: absorb adjacent titles and demonyms before a
 *    name; the person's dated code wins, else the title's */
static int astage_title_person(actor_ctx *ac)
{
    cod_sentence *s = ac->s;
    proto *p = ac->p;
    int np = ac->np;
    for (int k = 0; k < np; k++) {
        proto *b = &p[k];
        if (b->dead || b->type != P_PERSON)
            continue;
        const char *title_code = NULL;
        int j = k - 1;
        while (j >= 0 && !p[j].dead && p[j].t1 == b->t0 &&
               (p[j].type == P_AGENT || p[j].type == P_DEMONYM ||
                p[j].type == P_COUNTRY)) {
            if (strlen(p[j].code) > 3 && !title_code)
                title_code = p[j].code;
            b->t0 = p[j].t0;
            b->entry = join_entry(s, p[j].entry, b->entry);
            p[j].dead = 1;
            j--;
        }
        if (title_code && (!b->code[0] || title_overrides(s, b, title_code)))
            snprintf(b->code, sizeof b->code, "%s", title_code);
        /* "former President Khatami": a former office holder, whatever the
         * (undated) text's default role says */
        if (past_title(s, b) && strlen(b->code) == 6 && strcmp(b->code + 3, "ELI") &&
            !strncmp(b->code + 3, "GOV", 3))
            memcpy(b->code + 3, "ELI", 4);
        /* "the Trump administration", "the Assad regime": the person's side */
        if (k + 1 < np && !p[k + 1].dead && p[k + 1].type == P_AGENT &&
            p[k + 1].t0 == b->t1 && !strcmp(p[k + 1].code, "GOV")) {
            b->t1 = p[k + 1].t1;
            b->entry = join_entry(s, b->entry, p[k + 1].entry);
            p[k + 1].dead = 1;
        }
        if (!b->code[0])
            b->dead = 1; /* no role on this date and no title */
    }
    return 0;
}

/* 5. country + title followed by an unlisted name: extend over it */
static int astage_title_name(actor_ctx *ac)
{
    const cod_sentence *s = ac->s;
    proto *p = ac->p;
    int np = ac->np;
    for (int k = 0; k < np; k++) {
        proto *b = &p[k];
        if (b->dead || b->type != P_AGENT || !b->title || strlen(b->code) <= 3)
            continue;
        int j = b->t1, stop = b->t1 + 4;
        if (k + 1 < np && p[k + 1].t0 < stop)
            stop = p[k + 1].t0;
        while (j < stop && j < s->n &&
               (is_cap_word(s, j) ||
                (cod_is(s, j, "-") && j + 1 < stop && is_cap_word(s, j + 1) && j > b->t1)))
            j++;
        b->t1 = j;
    }
    return 0;
}

/* The antecedent of the definite description q ("the regime", "the
 * troops"): an earlier actor of the same role and head word named with
 * its country, in this sentence ("the Syrian regime ... strikes against
 * the regime") or before it in the document; its proto, or -1 with *code
 * and *entry set from the document's, or -2 for none (or two countries). */
static int described_by(const actor_ctx *ac, int k, const char **code, const char **entry)
{
    const cod_sentence *s = ac->s;
    const proto *q = &ac->p[k];
    const char *head = s->norm[q->t1 - 1];
    int found = -2;
    for (int j = 0; j < k; j++) {
        const proto *a = &ac->p[j];
        if (a->dead || a->type != P_AGENT || strlen(a->code) != 6 ||
            strcmp(a->code + 3, q->code) || strcmp(s->norm[a->t1 - 1], head))
            continue;
        if (found >= 0 && strncmp(ac->p[found].code, a->code, 3))
            return -2; /* "Turkish troops and Syrian troops ... the troops" */
        found = j;
    }
    for (int i = 0; found == -2 && i < s->ndesc; i++)
        if (!strcmp(s->desc_head[i], head) && !strcmp(s->desc_code[i] + 3, q->code)) {
            *code = s->desc_code[i];
            *entry = s->desc_entry[i];
            found = -1;
        }
    return found;
}

/* 5b. a definite description takes its antecedent's code ("the regime"
 *     after "the Syrian regime": SYRGOV), even for a role that names no
 *     actor alone ("the troops" after "Turkish troops") */
static int astage_described(actor_ctx *ac)
{
    cod_sentence *s = ac->s;
    if (!s->dialect->bare_actor_countries)
        return 0;
    for (int k = 0; k < ac->np; k++) {
        proto *q = &ac->p[k];
        if (q->dead || q->type != P_AGENT || strlen(q->code) != 3 || !cod_is(s, q->t0 - 1, "the"))
            continue;
        const char *code = NULL, *entry = NULL;
        int j = described_by(ac, k, &code, &entry);
        if (j == -2)
            continue;
        if (j >= 0) {
            code = ac->p[j].code;
            entry = ac->p[j].entry;
        }
        snprintf(q->code, sizeof q->code, "%s", code);
        q->entry = join_entry(s, q->entry, entry);
        q->solo = 1;
        q->lone = 0;
    }
    return 0;
}

/* PETRARCH mode: two agents joined by "and" share the country of the one
 * that has it */
static int astage_petr_share_country(actor_ctx *ac)
{
    if (ac->s->dialect->share_country)
        petr_share_country(ac->s, ac->p, ac->np);
    return 0;
}

/* 1 if proto q is kept as no mention: merged away, a singular demonym or
 * a bound agent alone, a byline, a direction, a word of a hyphenated
 * compound, or a city naming an event ("the Moscow talks"). */
static int not_a_mention(const cod_sentence *s, const proto *q)
{
    if (q->dead)
        return 1;
    if (q->type == P_DEMONYM && !q->plural)
        return 1;
    if (q->type == P_AGENT && !q->solo)
        return 1;
    /* "... new Russian raids AFP": an agency's name closing a headline
     * is its byline, not an actor */
    if (q->t1 - q->t0 == 1 && byline(s, q))
        return 1;
    if (dateline(s, q))
        return 1;
    /* "Israel's Army Radio", "Syrian State TV": a media name the actor
     * only begins */
    static const char *const media_words[] = {"radio", "television", "tv", "channel",
                                              "agency", "network", NULL};
    if (q->t1 < s->n && (s->tok[q->t1].flags & SEG_CAP) && cod_is_any(s, q->t1, media_words))
        return 1;
    /* "to the west of Damascus", "the rebel-held east": a direction,
     * not "the West" */
    if (cod_is_any(s, q->t1 - 1, compass_words) &&
        (cod_is(s, q->t1, "of") || !(s->tok[q->t1 - 1].flags & SEG_CAP)))
        return 1;
    /* "anti-Assad", "intra-rebel", "Russian-Turkey brokered": part of a
     * compound word, not an actor ("Maj.-Gen." stays a title) */
    if (glued_hyphen(s, q->t0 - 1) && s->text[s->tok[q->t0 - 2].end - 1] != '.' &&
        (!(s->tok[q->t0 - 2].flags & SEG_CAP) ||
         (q->type != P_PERSON && q->type != P_AGENT)))
        return 1;
    /* "rebel-held", "UN-sponsored", "Iran-backed": a modifier */
    if (glued_hyphen(s, q->t1) && q->t1 + 1 < s->n &&
        (s->tok[q->t1 + 1].flags & SEG_WORD) && !(s->tok[q->t1 + 1].flags & SEG_CAP))
        return 1;
    /* "government districts", "government areas": the government before an
     * area noun names a place it holds, not an actor (an armed group's
     * "rebel districts" are its positions: still the rebels) */
    if (q->type == P_AGENT && q->lone && !strcmp(q->code, "GOV") &&
        cod_is_any(s, q->t1, area_nouns))
        return 1;
    return q->type == P_CAPITAL && cod_is_any(s, q->t1, venue_nouns);
}

/* The final code of a proto kept as a mention (in q->code) and its
 * kind: a capital after a place preposition is a place, its country's
 * code, not a government; PETRARCH writes an agent of no known country
 * as "---GOV". */
static const char *mention_code(const cod_sentence *s, proto *q)
{
    const char *kind = q->kind;
    if (q->type == P_CAPITAL &&
        (cod_is_any(s, q->t0 - 1, place_preps) ||
         /* "the Barzeh neighbourhood of Damascus", "the outskirts of Kabul",
          * "Damascus suburbs" */
         (cod_is(s, q->t0 - 1, "of") && cod_is_any(s, q->t0 - 2, area_nouns)) ||
         cod_is_any(s, q->t1, area_nouns) ||
         (cod_is_any(s, q->t0 - 2, place_preps) && (s->tok[q->t0 - 1].flags & SEG_WORD) &&
          !(s->tok[q->t0 - 1].flags & SEG_CAP)))) {
        char cc[64];
        country_of(q->code, cc);
        snprintf(q->code, sizeof q->code, "%s", cc);
        kind = "place";
    }
    if (s->dialect->unknown_country_dashes && q->type == P_AGENT && q->lone) {
        char code[64];
        snprintf(code, sizeof code, "---%.56s", q->code);
        memcpy(q->code, code, sizeof code);
    }
    return kind;
}

/* 6. keep what names an actor: the mentions s->m, with the tokens they
 *    cover in covered[] and s->mention_at */
static int astage_keep(actor_ctx *ac)
{
    cod_sentence *s = ac->s;
    int nm = 0, nextra = 0;
    for (int k = 0; k < ac->np; k++) /* PETRARCH "[FRO/BIL/SAM]": one mention each */
        for (const char *c = ac->p[k].code; *c; c++)
            nextra += *c == '/';
    s->m = mem_arena_alloc(s->arena, sizeof *s->m * (size_t)(ac->np + nextra + 1));
    if (!s->m)
        return -1;
    for (int k = 0; k < ac->np; k++) {
        proto *q = &ac->p[k];
        if (not_a_mention(s, q))
            continue;
        cod_mention m;
        m.t0 = q->t0;
        m.t1 = q->t1;
        m.entry = q->entry;
        m.kind = mention_code(s, q);
        m.group = -1;
        m.code = mem_arena_strndup(s->arena, q->code, strlen(q->code));
        if (!m.code)
            return -1;
        /* "the" before a mention belongs to it */
        if (cod_is(s, m.t0 - 1, "the") && (m.t0 - 1 == 0 || ac->covered[m.t0 - 1] < 0))
            m.t0--;
        /* "The Shire" [FRO/BIL/SAM]: three mentions of the same words,
         * a compound (stage "groups") */
        for (char *slash; (slash = strchr(m.code, '/')) != NULL;) {
            cod_mention part = m;
            part.code = mem_arena_strndup(s->arena, m.code, (size_t)(slash - m.code));
            if (!part.code)
                return -1;
            s->m[nm++] = part;
            m.code = slash + 1;
        }
        s->m[nm] = m;
        for (int j = m.t0; j < m.t1; j++)
            ac->covered[j] = nm;
        nm++;
    }
    s->nm = ac->nm = nm;
    for (int i = 0; i < s->n; i++)
        s->mention_at[i] = ac->covered[i];
    return 0;
}

/* 6a. "the two countries", "both sides": the last two states named
 *     together, in this sentence ("Iran and Russia ... the two
 *     countries") or an earlier one; two mentions over the same words,
 *     grouped as a compound (stage "groups") */
static int astage_pairs(actor_ctx *ac)
{
    return pair_refs(ac->s, ac->covered, &ac->nm) < 0 ? -1 : 0;
}

/* 1 if the uncovered token i is a pronoun that can be an actor: "it",
 * "he" or "she" (*person) as a subject, at the start of a sentence or
 * clause ("pushed its militias to sabotage it": that "it" is the deal,
 * not a state), and no expletive "it is", "it seems". */
static int subject_pronoun(const cod_sentence *s, int i, int *person)
{
    *person = cod_is(s, i, "he") || cod_is(s, i, "she");
    if (!*person && !cod_is(s, i, "it"))
        return 0;
    if (i > 0 && !cod_is_any(s, i - 1, clause_openers))
        return 0;
    if (!*person && (cod_is(s, i + 1, "is") || cod_is(s, i + 1, "was") ||
                     cod_is(s, i + 1, "seems") || cod_is(s, i + 1, "seemed") ||
                     cod_is(s, i + 1, "appears") || cod_is(s, i + 1, "'s")))
        return 0;
    return 1;
}

/* The mention a pronoun refers to: the nearest person (person) or state
 * or organisation among m[0..n) before it, else the document's
 * antecedent. *code NULL: none. */
static void pronoun_antecedent(const cod_sentence *s, const cod_mention *m, int n, int person,
                               const char **code, const char **entry)
{
    *code = NULL;
    *entry = NULL;
    for (int j = n - 1; j >= 0 && !*code; j--) {
        const char *kd = m[j].kind;
        int is_person = !strcmp(kd, "person") ||
                        (person == 2 && !strcmp(kd, "agent") && strlen(m[j].code) > 3);
        int is_state = actor_is_one_state_kind(kd);
        if ((person && is_person) || (!person && is_state)) {
            *code = m[j].code;
            *entry = m[j].entry;
        }
    }
    if (!*code) {
        *code = person ? s->prev_person_code : s->prev_it_code;
        *entry = person ? s->prev_person_entry : s->prev_it_entry;
    }
}

/* 1 if tokens i, i + 1 are "his country", "her government": the
 * country (or government) of the person a possessive refers to. */
static int his_country(const cod_sentence *s, int i)
{
    static const char *const owners[] = {"his", "her", NULL};
    static const char *const states[] = {"country", "government", "nation", NULL};
    return i + 1 < s->n && cod_is_any(s, i, owners) && cod_is_any(s, i + 1, states);
}

/* The code of the country of a person coded code ("RUSGOV" -> "RUS"),
 * "RUSGOV" for "government"; NULL if the code names no country. */
static const char *person_country(cod_sentence *s, const char *code, const char *noun)
{
    ent_actor_ref r = {0};
    r.code = code;
    dict_split_code(s->d, &r);
    if (!r.country[0])
        return NULL;
    char buf[8];
    snprintf(buf, sizeof buf, "%s%s", r.country, !strcmp(noun, "government") ? "GOV" : "");
    return mem_arena_strndup(s->arena, buf, strlen(buf));
}

/* "they" as the subject of a clause ("the rebels said they had shot
 * down the jet", "militants ... the journalists they were holding"). */
static const char *const they_says[] = {"said", "says", "say", "added", "claimed",
                                        "announced", "insisted", "stressed", "warned", NULL};

static int they_subject(const cod_sentence *s, int i)
{
    return cod_is(s, i, "they") && i >= 1 &&
           (cod_is_any(s, i - 1, they_says) ||
            (i >= 2 && cod_is(s, i - 1, "that") && cod_is_any(s, i - 2, they_says)));
}

/* What "they" refers to: the role or armed group that says what "they"
 * did, right before its verb of saying ("the rebels said they had shot
 * down", "Iraqi militants claimed that they"); anything else before
 * "they" (a plan, the deals, operations) may be what it stands for, so
 * no antecedent is guessed. *code NULL: none. */
static void they_antecedent(const cod_sentence *s, const cod_mention *m, int n, int i,
                            const char **code, const char **entry)
{
    *code = *entry = NULL;
    int v = cod_is(s, i - 1, "that") ? i - 2 : i - 1;
    if (n < 1 || m[n - 1].t1 != v ||
        (strcmp(m[n - 1].kind, "agent") && strcmp(m[n - 1].kind, "group")))
        return;
    *code = m[n - 1].code;
    *entry = m[n - 1].entry;
}

/* "his government" where "government" is already a bare GOV mention:
 * that mention becomes the government of the person "his" refers to. */
static void his_government(cod_sentence *s, const int *covered)
{
    for (int i = 0; i + 1 < s->n; i++) {
        int k = covered[i + 1];
        if (covered[i] >= 0 || k < 0 || !his_country(s, i) || strcmp(s->m[k].code, "GOV") ||
            s->m[k].t0 != i + 1)
            continue;
        const char *code, *entry;
        pronoun_antecedent(s, s->m, k, 2, &code, &entry);
        if (code && (code = person_country(s, code, "government")) != NULL) {
            s->m[k].code = code;
            s->m[k].t0 = i;
            s->m[k].kind = "pronoun";
            s->m[k].entry = join_entry(s, "pronoun", entry);
        }
    }
}

/* 6b. pronouns: "it" takes the nearest state or organisation named
 *     before it (in this sentence, else the document so far), "he",
 *     "she" and "him" the nearest person, "his country" that person's country;
 *     "its", "their" are not actors */
static int astage_pronouns(actor_ctx *ac)
{
    cod_sentence *s = ac->s;
    int *covered = ac->covered, nm = ac->nm;
    his_government(s, covered);
    int npron = 0;
    for (int i = 0; i < s->n; i++)
        if (covered[i] < 0 && (cod_is(s, i, "it") || cod_is(s, i, "he") || cod_is(s, i, "she") ||
                               cod_is(s, i, "him") || cod_is(s, i, "they") || his_country(s, i)))
            npron++;
    if (!npron)
        return 0;
    cod_mention *m2 = mem_arena_alloc(s->arena, sizeof *m2 * (size_t)(nm + npron + 1));
    if (!m2)
        return -1;
    int n2 = 0, k = 0;
    for (int i = 0; i < s->n; i++) {
        while (k < nm && s->m[k].t0 <= i)
            m2[n2++] = s->m[k++];
        int person, his = covered[i] < 0 && covered[i + 1 < s->n ? i + 1 : i] < 0 &&
                          his_country(s, i);
        /* "him", the object pronoun, is always a person ("has extended
         * him billions in credit": Assad, named before it) */
        int him = covered[i] < 0 && cod_is(s, i, "him");
        if (him)
            person = 1;
        int they = covered[i] < 0 && they_subject(s, i);
        if (covered[i] >= 0 || (!his && !him && !they && !subject_pronoun(s, i, &person)))
            continue;
        const char *code, *entry;
        if (they)
            they_antecedent(s, m2, n2, i, &code, &entry);
        else
            pronoun_antecedent(s, m2, n2, his ? 2 : person, &code, &entry);
        if (code && his && !(code = person_country(s, code, s->norm[i + 1])))
            continue;
        if (!code)
            continue;
        cod_mention pm;
        pm.t0 = i;
        pm.t1 = i + 1 + his;
        pm.code = code;
        pm.kind = "pronoun";
        pm.entry = join_entry(s, "pronoun", entry);
        pm.group = -1;
        m2[n2++] = pm;
    }
    while (k < nm)
        m2[n2++] = s->m[k++];
    s->m = m2;
    s->nm = ac->nm = n2;
    for (int i = 0; i < s->n; i++)
        s->mention_at[i] = -1;
    for (int j = 0; j < n2; j++)
        for (int t = s->m[j].t0; t < s->m[j].t1; t++)
            s->mention_at[t] = j;
    return 0;
}

/* The last mention of the compound that starts at mention k: mentions
 * over the same words, or joined by "and", "&", "as well as" (with
 * commas); *has_and: a conjunction joins them (commas alone do not). */
static int compound_end(const cod_sentence *s, int nm, int k, int *has_and)
{
    int e = k;
    *has_and = 0;
    while (e + 1 < nm) {
        if (s->m[e + 1].t0 == s->m[e].t0 && s->m[e + 1].t1 == s->m[e].t1) {
            *has_and = 1; /* one name, several actors */
            e++;
            continue;
        }
        int j = s->m[e].t1, stop = s->m[e + 1].t0, ok = j < stop, conj = 0, sep = 0;
        for (; j < stop && ok; j++) {
            if (cod_is(s, j, ",") || cod_is(s, j, "both")) {
                sep = 1;
                continue;
            }
            if (cod_is(s, j, "and") || cod_is(s, j, "&") ||
                (s->dialect->compound_nor && cod_is(s, j, "nor"))) {
                conj = 1;
                continue;
            }
            if (cod_is(s, j, "as") && cod_is(s, j + 1, "well") && cod_is(s, j + 2, "as")) {
                conj = 1;
                j += 2;
                continue;
            }
            /* PETRARCH mode: "Fornost and the evil awful Gondor" */
            if (s->dialect->loose_compounds && (cod_is(s, j, "the") || petr_np_word(s, j, j, j + 1)))
                continue;
            ok = 0;
        }
        if (!ok || (s->dialect->loose_compounds && !conj && !sep))
            break;
        *has_and |= conj;
        e++;
    }
    return e;
}

/* 7. compound groups: every mention in one group, alone or with the
 *    members of its compound */
static int astage_groups(actor_ctx *ac)
{
    cod_sentence *s = ac->s;
    int nm = ac->nm;
    s->g = mem_arena_alloc(s->arena, sizeof *s->g * (size_t)(nm + 1));
    if (!s->g)
        return -1;
    s->ng = 0;
    for (int k = 0; k < nm;) {
        int has_and;
        int e = compound_end(s, nm, k, &has_and);
        if (!has_and)
            e = k; /* commas alone: appositions, not a compound */
        cod_group gr = {k, e + 1, s->m[k].t0, s->m[e].t1};
        for (int j = k; j <= e; j++)
            s->m[j].group = s->ng;
        s->g[s->ng++] = gr;
        k = e + 1;
    }
    return 0;
}

/* The stages of actor_find, in order (docs/internals/actor.md). */
static const actor_stage actor_stages[] = {
    {"caps", astage_caps},                           /* capitals of each token */
    {"phrases", astage_phrases},                     /* 1: dictionary phrases */
    {"petr noun phrases", astage_petr_noun_phrases}, /* PETRARCH: one actor a noun phrase */
    {"country group", astage_country_group},         /* 1b: "Iraqi Shiites" */
    {"country agent", astage_country_agent},         /* 2: "Russian aircraft" */
    {"named agent", astage_named_agent},             /* 2b: "Hamas fighters" */
    {"shared agent", astage_shared_agent},           /* 2c: "Indian and Chinese troops" */
    {"stance", astage_stance},                       /* 2d: "the Russian plan" */
    {"attack", astage_attack},                       /* 2d': "Russian airstrikes" */
    {"its agent", astage_its_agent},                 /* 2e: "Its aircraft struck" */
    {"agent of country", astage_agent_of_country},   /* 3: "the president of Syria" */
    {"title person", astage_title_person},           /* 4: "President Vladimir Putin" */
    {"title name", astage_title_name},               /* 5: title + unlisted name */
    {"described", astage_described},                 /* 5b: "the regime": its antecedent */
    {"petr share country", astage_petr_share_country}, /* PETRARCH: "Danish media and government" */
    {"keep", astage_keep},                           /* 6: proto-mentions -> mentions */
    {"pairs", astage_pairs},                         /* 6a: "the two countries" */
    {"pronouns", astage_pronouns},                   /* 6b: "it", "he", "she" */
    {"groups", astage_groups},                       /* 7: compounds */
};

int actor_find(cod_sentence *s)
{
    actor_ctx ac;
    memset(&ac, 0, sizeof ac);
    ac.s = s;
    ac.p = mem_arena_alloc(s->arena, sizeof *ac.p * (size_t)(s->n + 1));
    ac.covered = mem_arena_alloc(s->arena, sizeof *ac.covered * (size_t)(s->n + 1));
    s->mention_at = mem_arena_alloc(s->arena, sizeof *s->mention_at * (size_t)(s->n + 1));
    if (!ac.p || !ac.covered || !s->mention_at)
        return -1;
    for (int i = 0; i < s->n; i++)
        ac.covered[i] = -1;
    ac.caps = mem_arena_alloc(s->arena, (size_t)s->n + 1);
    if (!ac.caps)
        return -1;
    for (size_t k = 0; k < sizeof actor_stages / sizeof *actor_stages; k++)
        if (actor_stages[k].run(&ac) < 0)
            return -1;
    return 0;
}
