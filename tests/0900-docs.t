#!/bin/sh
# Every program has a man page, --help, a test; the pages are clean mdoc
# and document every option --help shows; README and CI agree.
. "$(dirname "$0")/lib.sh"

for src in "$top"/cmd/*.c; do
	p=$(basename "$src" .c)
	page="$top/man/$p.1"
	ok "$(test -f "$page"; echo $?)" "$p has a man page"
	[ -f "$page" ] || continue
	lint=$(mandoc -Tlint -W warning "$page" 2>&1 | grep -v 'referenced manual not found\|mandoc.db\|unusual Xr order')
	is "$lint" "" "$p.1 is clean mdoc"
	run "$CRM_BIN/$p" --help
	rc_is 0 "$p --help exits 0"
	like "$out" "^usage: $p" "$p --help starts with its usage"
	# Every long option in the usage is documented in the page.
	missing=
	for o in $(printf '%s\n' "$out" | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
		grep -q -- "Fl \\\\-${o#--}\\b" "$page" || missing="$missing $o"
	done
	is "$missing" "" "$p.1 documents every option of --help"
	grep -rqs -- "$p\|${p#crm-}" "$top"/tests/*.t; ok $? "a test runs $p"
	grep -q "Xr $p 1" "$top/man/crm.7" 2>/dev/null; ok $? "crm.7 lists $p"
	grep -q "Sh EXIT STATUS" "$page"; ok $? "$p.1 has EXIT STATUS"
done
for page in "$top"/man/*.[57]; do
	lint=$(mandoc -Tlint -W warning "$page" 2>&1 | grep -v 'referenced manual not found\|mandoc.db\|unusual Xr order')
	is "$lint" "" "$(basename "$page") is clean mdoc"
done

# The README's set-up line installs what CI installs.
ci=$(sed -n 's/^packages="\(.*\)"/\1/p' "$top/.ci/run" | tr ' ' '\n' | sort | tr '\n' ' ')
readme=$(grep -m1 'apt-get install' "$top/README.md" | sed 's/.*apt-get install -y //; s/ *&&.*//' | tr ' ' '\n' | sort | tr '\n' ' ')
is "$readme" "$ci" "README and .ci/run install the same packages"
grep -q '^make check$' "$top/README.md"; ok $? "README gives the test command"
done_testing
