#!/bin/sh
# crm: the front end runs crm-NAME and lists the commands.
. "$(dirname "$0")/lib.sh"

run crm help
rc_is 0 "crm help"
like "$out" "^  init +create a new database" "lists init with its line"
like "$out" "^  list +list and search customers" "lists list"
# Every command crm help lists exists next to crm and says what it is.
for c in $(printf '%s\n' "$out" | sed -n 's/^  \([a-z-]*\) .*/\1/p'); do
	if [ -x "$CRM_BIN/crm-$c" ]; then
		run crm "$c" --help
		like "$out" "usage: crm-$c" "crm $c --help runs crm-$c"
	fi
done
# ...and every program built is listed.
for p in "$CRM_BIN"/crm-*; do
	c=${p##*/crm-}
	crm help | grep -q "^  $c " ; ok $? "crm-$c is listed by crm help"
done

run crm help add
rc_is 0 "crm help COMMAND"
like "$out" "usage: crm-add" "prints that command's usage"

crm init >/dev/null
run crm add --name 测试
is "$out" 1 "crm add passes arguments through"
run crm add --tier Z --name x
rc_is 65 "and returns the command's exit status"

run crm frobnicate
fails 64 "'frobnicate' is not a crm command: see 'crm help'" "an unknown command"
run crm
rc_is 64 "no command is a usage error"
run crm --bogus
rc_is 64 "an unknown option too"
run crm --version
like "$out" "^crm [0-9]" "--version"

# A crm-NAME found on PATH when it is not next to crm.
mkdir "$work/path"
printf '#!/bin/sh\necho "extension $*"\n' >"$work/path/crm-hello"
chmod +x "$work/path/crm-hello"
PATH="$work/path:$PATH" run crm hello a b
is "$out" "extension a b" "commands on PATH are found, as git does"
done_testing
