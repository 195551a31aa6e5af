#!/bin/sh
# seeds_compiled.sh - make the seeds of fuzz_compiled again (after a change
# of the compiled formats): 'D' + the dict.gen.bin and 'E' + the
# places.gen.bin that `entente dict compile` writes for a folder of a few
# lines of each dictionary (one bad line among them; the verbs with each
# flag) and an eight-row
# places.gen.tsv. Usage: sh fuzz/seeds_compiled.sh [build/entente]
set -e
entente=${1:-build/entente}
out=fuzz/corpus/compiled
dir=$(mktemp -d /tmp/entente-seeds-XXXXXX)
trap 'rm -rf "$dir"' EXIT
tab=$(printf '\t')

cat > "$dir/cameo.tsv" <<END
code${tab}name${tab}root${tab}quad${tab}goldstein${tab}plover
040${tab}Consult${tab}04${tab}1${tab}1.0${tab}CONSULT
190${tab}Fight${tab}19${tab}4${tab}-10.0${tab}ASSAULT
195${tab}Air strike${tab}19${tab}4${tab}-10.0${tab}ASSAULT
END
printf 'met meet\nfought fight\nstruck strike\n' > "$dir/irregular.gen.txt"
cat > "$dir/actors.txt" <<'END'
Vladimir Putin; Putin | RUSGOV@2012-05-07.., RUSELI | person
Russia | RUS | country
Iran | IRN | country
US | USA | country
Moscow | RUSGOV | capital
Persia | IRN | realm
Washington Post; "the Post" | USAMED | media
END
printf 'Russia | RUS | country\nSyria | SYR | country\n' > "$dir/countries.gen.txt"
printf 'Russian; Russians | RUS\nShia; Shiites | SHI\n' > "$dir/demonyms.txt"
printf 'army; armies | MIL | solo\npresident | GOV | bound\n' > "$dir/agents.txt"
cat > "$dir/verbs.txt" <<'END'
040 sym | meet+; hold+ talks with
040 sym topic | discuss+
040 sym verb | phone+
190 | fight+ .. against; clash* with
195 | strike+ $ with air*
END
cat > "$dir/places.gen.tsv" <<END
Aleppo${tab}aleppo${tab}SYR${tab}09${tab}36.2012${tab}37.1612${tab}1602264${tab}PPLA
Al Bab${tab}al bab${tab}SYR${tab}09${tab}36.3705${tab}37.5157${tab}130745${tab}PPLA2
Damascus${tab}damascus${tab}SYR${tab}13${tab}33.5102${tab}36.2913${tab}1569394${tab}PPLC
Syria${tab}syria${tab}SYR${tab}${tab}${tab}${tab}${tab}PCLI
Paris${tab}paris${tab}USA${tab}TX${tab}33.6609${tab}-95.5555${tab}24782${tab}PPLA2
Texas${tab}texas${tab}USA${tab}TX${tab}${tab}${tab}${tab}ADM1
Tripoli${tab}tripoli${tab}LBY${tab}77${tab}32.8874${tab}13.1873${tab}1150989${tab}PPLC
Tripoli${tab}tripoli${tab}LBN${tab}09${tab}34.4335${tab}35.8441${tab}229398${tab}PPLA
END

"$entente" dict compile "$dir" || true  # says actors.txt:6: unknown kind 'realm'
test -s "$dir/dict.gen.bin" && test -s "$dir/places.gen.bin"
{ printf D; cat "$dir/dict.gen.bin"; } > "$out/dict"
{ printf E; cat "$dir/places.gen.bin"; } > "$out/places"
ls -l "$out"
