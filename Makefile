# crm - customer-service CRM as small Unix programs.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
# The shipped calendars; crm-init finds them at ../share/crm beside its
# bin/ (else set CRM_DATA_DIR).
DATADIR ?= $(PREFIX)/share/crm
# The message catalogues (po/*.po, GNU gettext); programs look first in
# ../share/locale beside their bin/, so a build tree finds its own.
LOCALEDIR ?= $(PREFIX)/share/locale
DESTDIR ?=

CC ?= cc
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config
SQLITE_CFLAGS := $(shell $(PKG_CONFIG) --cflags sqlite3 2>/dev/null)
SQLITE_LIBS := $(shell $(PKG_CONFIG) --libs sqlite3 2>/dev/null || echo -lsqlite3)
# libcsv ships no .pc file.
CSV_LIBS := -lcsv
# Workbooks (-o xlsx, crm-export --xlsx): libxlsxwriter writes them, as
# SPEC names it; libzip and expat read each one back before it is given
# out (lib/xlsxout.c says why), and read crm-import's.  The programs are
# not linked with them: lib/xlsxlib.c opens them with dlopen(3) in a run
# that reads or writes a workbook (libzip and libxlsxwriter bring
# OpenSSL's libcrypto, some 2 ms of every start; bench/README.md).  It
# opens each by the SONAME of the library built against, read here from
# the development library (pkg-config's libdir, else where the compiler
# finds it); the unversioned name when that cannot be read.
XLSX_CFLAGS := $(shell $(PKG_CONFIG) --cflags xlsxwriter libzip expat 2>/dev/null)
soname = $(or $(shell f=$$($(PKG_CONFIG) --variable=libdir $(1) 2>/dev/null)/lib$(2).so; \
	[ -e "$$f" ] || f=$$($(CC) -print-file-name=lib$(2).so); \
	objdump -p "$$f" 2>/dev/null | awk '$$1 == "SONAME" { print $$2 }'),lib$(2).so)
XLSX_SONAMES := -DXLSXLIB_ZIP_SONAME='"$(call soname,libzip,zip)"' \
	-DXLSXLIB_EXPAT_SONAME='"$(call soname,expat,expat)"' \
	-DXLSXLIB_XLSXWRITER_SONAME='"$(call soname,xlsxwriter,xlsxwriter)"'
# dlopen(3): in the C library since glibc 2.34, else in libdl.
DL_LIBS := $(shell printf '\043include <dlfcn.h>\nint main(void) { return !dlopen; }\n' \
	| $(CC) -x c -o /dev/null - 2>/dev/null || echo -ldl)

# Built into a separate tree so that the sanitizer build can sit beside it.
O ?= .

# Warnings are always on but are errors only where crm checks itself
# (make check, check-asan, check-valgrind, fuzz; CI runs make check), so
# that a newer compiler's new warning never breaks a user's plain make.
# WERROR=1 adds -Werror.  A build without it touches $(O)/obj/no-werror
# after each file it compiles, and with it every target depends on that
# file: what a plain make compiled is compiled again, with -Werror, by the
# next checking build, while a plain make after a check (make install)
# finds everything up to date.
WERROR ?=
ifeq ($(WERROR),1)
WFLAGS := -Werror
WMARK := $(wildcard $(O)/obj/no-werror)
MARK :=
else
WFLAGS :=
WMARK :=
MARK := @mkdir -p $(O)/obj && touch $(O)/obj/no-werror
endif
override CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra $(WFLAGS) $(SQLITE_CFLAGS) $(XLSX_CFLAGS) $(XLSX_SONAMES) -Ilib -DLOCALEDIR='"$(LOCALEDIR)"' $(CFLAGS)
LDLIBS := $(CSV_LIBS) $(SQLITE_LIBS) $(DL_LIBS) -lm

LIBSRC := $(sort $(wildcard lib/*.c))
LIBOBJ := $(LIBSRC:%.c=$(O)/obj/%.o)
CMDSRC := $(sort $(wildcard cmd/*.c))
PROGS := $(CMDSRC:cmd/%.c=$(O)/bin/%)
UNITSRC := $(sort $(wildcard tests/unit/*.c))
UNITS := $(UNITSRC:tests/unit/%.c=$(O)/obj/unit/%)
MAN1 := $(wildcard man/*.1)
MAN5 := $(wildcard man/*.5)
MAN7 := $(wildcard man/*.7)

# One catalogue per po/LANG.po, built beside bin/ as it is installed.
LINGUAS := $(patsubst po/%.po,%,$(sort $(wildcard po/*.po)))
MOS := $(LINGUAS:%=$(O)/share/locale/%/LC_MESSAGES/crm.mo)

all: $(PROGS) $(MOS)

$(O)/share/locale/%/LC_MESSAGES/crm.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# po/crm.pot from the sources: the messages (die, warn and errf translate
# their format; _ and N_ mark the rest) and, from the data model, every
# column name and closed-list word (po/model-pot.c, po/columns.txt).
# make po merges it into every po/LANG.po for the translators.
CRM_VERSION := $(shell sed -n 's/^\#define CRM_VERSION "\(.*\)"/\1/p' lib/crm.h)
XGETTEXT_FLAGS := --from-code=UTF-8 --language=C --add-comments=TRANSLATORS \
	--keyword=_ --keyword=N_ --keyword=ngettext:1,2 --keyword=pgettext_crm:1c,2 \
	--keyword=die:2 --keyword=warn:1 --keyword=errf:2 \
	--flag=die:2:c-format --flag=warn:1:c-format --flag=errf:2:c-format \
	--package-name=crm --package-version=$(CRM_VERSION) --msgid-bugs-address= \
	--sort-by-file
POT ?= po/crm.pot
pot: $(O)/obj/po/model-pot
	xgettext $(XGETTEXT_FLAGS) -o $(O)/obj/po/code.pot lib/*.c cmd/*.c
	$(O)/obj/po/model-pot po/columns.txt >$(O)/obj/po/model.pot
	msgcat --use-first -o $(POT) $(O)/obj/po/code.pot $(O)/obj/po/model.pot
po: pot
	for l in $(LINGUAS); do msgmerge -q --update --backup=off --no-fuzzy-matching po/$$l.po po/crm.pot; done

$(O)/obj/po/model-pot: po/model-pot.c $(O)/lib/libcrm.a lib/crm.h lib/crm-int.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(O)/lib/libcrm.a $(LDLIBS)

$(O)/obj/lib/%.o: lib/%.c lib/crm.h lib/crm-int.h $(WMARK)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<
	$(MARK)

XLSXLIB_OBJ := $(addprefix $(O)/obj/lib/,xlsxin.o xlsxout.o xlsxlib.o)
$(XLSXLIB_OBJ): lib/xlsxlib.h

$(O)/lib/libcrm.a: $(LIBOBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(O)/bin/%: cmd/%.c $(O)/lib/libcrm.a lib/crm.h $(WMARK)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(O)/lib/libcrm.a $(LDLIBS)
	$(MARK)

$(O)/obj/unit/%: tests/unit/%.c tests/unit/tap.h $(O)/lib/libcrm.a $(WMARK)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -Itests/unit -o $@ $< $(O)/lib/libcrm.a $(LDLIBS)
	$(MARK)

units: $(UNITS)

# The whole suite: unit tests and black-box tests, then the same again
# built with AddressSanitizer and UndefinedBehaviorSanitizer, a short
# fuzzing run of every harness, and the core tests under valgrind.
check:
	$(MAKE) WERROR=1 all units
	prove -f $(UNITS)
	CRM_BIN=$(CURDIR)/$(O)/bin prove -f tests/*.t
	$(MAKE) check-locale
	$(MAKE) check-asan
	$(MAKE) check-fuzz
	$(MAKE) check-valgrind

# The black-box suite again under LANG=zh_CN.UTF-8 (messages kept English
# for its checks of them): every machine format it checks must come out
# the same in the locale of the people who use crm.
check-locale:
	@locale -a 2>/dev/null | grep -qix 'zh_CN.utf-\?8' || { echo "make check-locale: the locale zh_CN.UTF-8 is not installed: sudo localedef -i zh_CN -f UTF-8 zh_CN.UTF-8 (Debian: package locales)" >&2; exit 1; }
	CRM_TEST_LOCALE=zh_CN.UTF-8 CRM_BIN=$(CURDIR)/$(O)/bin prove -j2 tests/*.t

ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
check-asan:
	$(MAKE) O=build-asan WERROR=1 CFLAGS="$(ASAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" all units
	ASAN_OPTIONS=detect_leaks=1 prove $(UNITS:$(O)/%=build-asan/%)
	ASAN_OPTIONS=detect_leaks=1 CRM_BIN=$(CURDIR)/build-asan/bin prove tests/*.t

# Under valgrind: the unit tests, and every black-box test, whose programs
# run under valgrind through run() in tests/lib.sh (the heavy tests scale
# down when CRM_VALGRIND is set); two at a time, about twelve minutes on
# two cores.  VALGRIND_TESTS narrows it.
VALGRIND_TESTS ?= tests/*.t
check-valgrind:
	$(MAKE) WERROR=1 all units
	prove -j2 --exec 'valgrind -q --error-exitcode=99 --suppressions=tests/valgrind.supp --leak-check=full --errors-for-leak-kinds=definite' $(UNITS)
	CRM_VALGRIND=1 CRM_BIN=$(CURDIR)/bin prove -j2 $(VALGRIND_TESTS)

# Fuzzing with libFuzzer: one harness per tests/fuzz/fuzz-NAME.c (the CSV
# reader and the validator, the .xlsx reader, dates, money, the USCC, the
# tsv reader, the output formats), each with its seed corpus
# tests/fuzz/corpus-NAME.
# make fuzz runs each harness FUZZ_TIME seconds, make fuzz-NAME one of
# them; make check-fuzz is the short run for CI.  New inputs go to
# build-fuzz/corpus-NAME, crashes to build-fuzz/ (crash-*, leak-*).
FUZZERS := $(patsubst tests/fuzz/fuzz-%.c,%,$(sort $(wildcard tests/fuzz/fuzz-*.c)))
FUZZ_TIME ?= 300
FUZZ_CHECK_TIME ?= 8
FUZZ_CC ?= clang
FUZZ_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_LIB := build-fuzz/lib/libcrm.a
# The longest input each harness is given (a parser of one value needs
# no more than a line).
FUZZ_MAXLEN = $(or $(FUZZ_MAXLEN_$*),8192)
FUZZ_MAXLEN_date := 64
FUZZ_MAXLEN_money := 64
FUZZ_MAXLEN_uscc := 64

# The library, instrumented, in a tree of its own (not in the sub-make,
# where O=build-fuzz makes this the rule of $(O)/lib/libcrm.a).
ifneq ($(O),build-fuzz)
$(FUZZ_LIB): $(LIBSRC) lib/crm.h lib/crm-int.h lib/xlsxlib.h
	$(MAKE) O=build-fuzz WERROR=1 CC=$(FUZZ_CC) CFLAGS="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" $@
endif

build-fuzz/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/fuzz.h $(FUZZ_LIB) lib/crm.h lib/crm-int.h
	$(FUZZ_CC) -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Ilib $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB) $(LDLIBS)

$(FUZZERS:%=fuzz-%): fuzz-%: build-fuzz/fuzz-%
	mkdir -p build-fuzz/corpus-$*
	cd build-fuzz && ./fuzz-$* -max_total_time=$(FUZZ_TIME) -max_len=$(FUZZ_MAXLEN) -timeout=10 -print_final_stats=1 corpus-$* ../tests/fuzz/corpus-$*

fuzz: $(FUZZERS:%=fuzz-%)

check-fuzz:
	$(MAKE) fuzz FUZZ_TIME=$(FUZZ_CHECK_TIME)

# The demo speaks the language of its people where the machine has their
# locale (the README's set-up makes zh_CN.UTF-8); DEMO_LANG= for English.
DEMO_LANG ?= $(shell locale -a 2>/dev/null | grep -qix 'zh_CN.utf-\?8' && echo zh_CN.UTF-8)
demo: all
	$(if $(DEMO_LANG),LC_ALL=$(DEMO_LANG) )sh data/demo.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	install -m0755 $(PROGS) $(DESTDIR)$(BINDIR)
	install -m0644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m0644 $(MAN5) $(DESTDIR)$(MANDIR)/man5
	install -m0644 $(MAN7) $(DESTDIR)$(MANDIR)/man7
	install -d $(DESTDIR)$(DATADIR)
	install -m0644 data/holidays.csv data/calendar.csv $(DESTDIR)$(DATADIR)
	for l in $(LINGUAS); do \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		install -m0644 $(O)/share/locale/$$l/LC_MESSAGES/crm.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
	done

clean:
	rm -rf bin obj share lib/libcrm.a build-asan build-fuzz demo.db demo.db-wal demo.db-shm demo-summary.html

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --std=c11 -D_GNU_SOURCE $(XLSX_SONAMES) -Ilib lib cmd
	clang-tidy --quiet -checks='-*,clang-analyzer-*,-clang-analyzer-valist.Uninitialized,-clang-analyzer-security.insecureAPI.*' \
		--warnings-as-errors='*' lib/*.c cmd/*.c -- -std=c11 -D_GNU_SOURCE $(XLSX_SONAMES) -Ilib

.PHONY: all pot po units check check-locale check-asan check-valgrind fuzz check-fuzz $(FUZZERS:%=fuzz-%) demo install clean lint
.SECONDARY:
