#!/bin/sh
# make install puts every program and page where PREFIX and DESTDIR say,
# and the installed crm finds its commands.
. "$(dirname "$0")/lib.sh"

make -s -C "$top" install DESTDIR="$work/inst" PREFIX=/usr/local >"$work/make.out" 2>&1
ok $? "make install DESTDIR=... PREFIX=/usr/local"
for src in "$top"/cmd/*.c; do
	p=$(basename "$src" .c)
	test -x "$work/inst/usr/local/bin/$p"; ok $? "$p installed in bin"
	test -f "$work/inst/usr/local/share/man/man1/$p.1"; ok $? "$p.1 installed"
done
test -f "$work/inst/usr/local/share/man/man7/crm.7"; ok $? "crm.7 installed"
test -f "$work/inst/usr/local/share/man/man5/crm-schema.5"; ok $? "crm-schema.5 installed"
is "$(stat -c %a "$work/inst/usr/local/bin/crm-list")" 755 "programs are 0755"
is "$(stat -c %a "$work/inst/usr/local/share/man/man7/crm.7")" 644 "pages are 0644"
for f in holidays.csv calendar.csv; do
	cmp -s "$top/data/$f" "$work/inst/usr/local/share/crm/$f"
	ok $? "data/$f installed in share/crm"
done
# The installed crm-init finds them beside its bin/, not in the source.
cp -r "$work/inst" "$work/moved"
run env -u CRM_DATA_DIR "$work/moved/usr/local/bin/crm-init" --db "$work/inst.db"
rc_is 0 "the installed crm-init creates a database"
is "$(sqlite3 "$work/inst.db" 'SELECT count(*) FROM calendar')" \
    "$(($(wc -l <"$top/data/calendar.csv") - 1))" "with the official calendar"
is "$(sqlite3 "$work/inst.db" 'SELECT count(*) FROM holidays')" \
    "$(($(wc -l <"$top/data/holidays.csv") - 1))" "and the festivals"
# The Chinese catalogue, found beside the installed (and moved) bin/.
mo="$work/inst/usr/local/share/locale/zh_CN/LC_MESSAGES/crm.mo"
test -f "$mo"; ok $? "the zh_CN catalogue installed in share/locale"
is "$(stat -c %a "$mo")" 644 "and 0644"
run env -u LANGUAGE LC_ALL=zh_CN.UTF-8 "$work/moved/usr/local/bin/crm-list" --help
like "$out" "^用法：crm-list" "the moved crm-list speaks Chinese from its own share/locale"
PATH=/usr/bin:/bin run "$work/inst/usr/local/bin/crm" help
like "$out" "^  list +list and search customers" "the installed crm lists the installed commands"
done_testing
