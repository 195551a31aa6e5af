# library.mk - the shared library, pkg-config file, man page and
# `make install` (included by the Makefile; docs/library.md).
#   make install PREFIX=/usr/local DESTDIR=   the binary, libentente.so and
#   libentente.a, entente.h, entente.pc, the data files and entente.1
# The soname carries the ABI's major version: a change that breaks callers
# built against an older entente.h raises ABI_MAJOR (docs/library.md).
ABI_MAJOR := 1
ABI_VERSION := $(ABI_MAJOR).0.0
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share/entente
MANDIR ?= $(PREFIX)/share/man
SO_REAL := libentente.so.$(ABI_VERSION)
SO_NAME := libentente.so.$(ABI_MAJOR)

$(BUILD)/$(SO_REAL): $(LIB_OBJ) tools/libentente.map
	$(CC) -shared -Wl,-soname,$(SO_NAME) -Wl,--version-script=tools/libentente.map \
	  $(SANFLAGS) $(LIB_OBJ) $(LDLIBS) -o $@
$(BUILD)/$(SO_NAME): $(BUILD)/$(SO_REAL)
	ln -sf $(SO_REAL) $@
$(BUILD)/libentente.so: $(BUILD)/$(SO_NAME)
	ln -sf $(SO_NAME) $@

# the man page: the text of `entente help` and `entente help code`
$(BUILD)/entente.1: $(BUILD)/entente tools/gen_man.sh
	sh tools/gen_man.sh $(BUILD)/entente > $@.tmp && mv $@.tmp $@

# entente.pc names the prefix of this install: written by `make install`
PC_VERSION := $(shell sed -n 's/^\#define ENT_VERSION "\(.*\)"/\1/p' include/entente.h)
PC_SED := -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	-e 's|@DATADIR@|$(DATADIR)|' -e 's|@VERSION@|$(PC_VERSION)|' -e 's|@LIBS@|$(PKG_LIBS) -lm -lpthread|'

# data files keep their modification times (cp -p): the compiled
# dictionaries are used only while their sources keep size and mtime
install: all $(BUILD)/entente.1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) \
	  $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BUILD)/entente $(DESTDIR)$(BINDIR)/entente
	install -m 755 $(BUILD)/$(SO_REAL) $(DESTDIR)$(LIBDIR)/$(SO_REAL)
	ln -sf $(SO_REAL) $(DESTDIR)$(LIBDIR)/$(SO_NAME)
	ln -sf $(SO_NAME) $(DESTDIR)$(LIBDIR)/libentente.so
	install -m 644 $(BUILD)/libentente.a $(DESTDIR)$(LIBDIR)/libentente.a
	install -m 644 include/entente.h $(DESTDIR)$(INCLUDEDIR)/entente.h
	sed $(PC_SED) tools/entente.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/entente.pc
	install -m 644 $(BUILD)/entente.1 $(DESTDIR)$(MANDIR)/man1/entente.1
	for f in data/*; do [ -f "$$f" ] && cp -p "$$f" $(DESTDIR)$(DATADIR)/; done; true
