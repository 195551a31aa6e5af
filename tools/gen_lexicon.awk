# gen_lexicon.awk - an English full-form lexicon for the tagger, from
# WordNet (Debian's wordnet-base): each word form a lemma of WordNet can
# take, with the classes it can be, one line "form<TAB>C1,C2,...".
#   N  noun lemma        Ns  noun plural          V  verb base form
#   Vs verb -s form      Vd  past or participle   Vg -ing form
#   A  adjective         Ar  comparative, superlative  R  adverb
# Regular forms are made by the usual spelling rules; the irregular ones
# are WordNet's exception lists (noun.exc, verb.exc, adj.exc). A rule may
# make a form English does not have ("bused" and "busses"): it is never
# met in text, so it costs nothing. `entente train-syntax --lexicon` reads
# the output (docs/syntax.md, "An external lexicon").
#   awk -f tools/gen_lexicon.awk /usr/share/wordnet/index.noun \
#       /usr/share/wordnet/index.verb /usr/share/wordnet/index.adj \
#       /usr/share/wordnet/index.adv /usr/share/wordnet/noun.exc \
#       /usr/share/wordnet/verb.exc /usr/share/wordnet/adj.exc | LC_ALL=C sort
function add(form, cls) {
    if (form !~ /^[a-z][a-z0-9.'-]*$/)
        return
    if (index("," have[form] ",", "," cls ",") == 0)
        have[form] = have[form] == "" ? cls : have[form] "," cls
}
function sibilant(w) { return w ~ /(s|x|z|ch|sh)$/ }
function plural(w) {          # also the verb's -s form
    if (sibilant(w)) return w "es"
    if (w ~ /[^aeiou]y$/) return substr(w, 1, length(w) - 1) "ies"
    return w "s"
}
function past(w) {
    if (w ~ /e$/) return w "d"
    if (w ~ /[^aeiou]y$/) return substr(w, 1, length(w) - 1) "ied"
    return w "ed"
}
function gerund(w) {
    if (w ~ /ie$/) return substr(w, 1, length(w) - 2) "ying"
    if (w ~ /[^eoy]e$/) return substr(w, 1, length(w) - 1) "ing"
    return w "ing"
}
FNR == 1 { file = FILENAME; sub(/.*\//, "", file) }
/^  / { next }                 # the licence at the top of the index files
file == "index.noun" { add($1, "N"); add(plural($1), "Ns"); if ($1 ~ /o$/) add($1 "es", "Ns"); next }
file == "index.verb" {
    add($1, "V"); add(plural($1), "Vs"); add(past($1), "Vd"); add(gerund($1), "Vg"); next
}
file == "index.adj" { add($1, "A"); next }
file == "index.adv" { add($1, "R"); next }
file == "noun.exc" { add($1, "Ns"); next }
file == "verb.exc" { add($1, $1 ~ /ing$/ ? "Vg" : "Vd"); next }
file == "adj.exc" { add($1, "Ar"); next }
END {
    for (f in have) {
        n = split(have[f], c, ",")
        for (i = 2; i <= n; i++)            # the classes in a fixed order
            for (j = i; j > 1 && c[j - 1] > c[j]; j--) { t = c[j]; c[j] = c[j - 1]; c[j - 1] = t }
        s = c[1]
        for (i = 2; i <= n; i++) s = s "," c[i]
        print f "\t" s
    }
}
