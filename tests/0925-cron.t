#!/bin/sh
# The crontab entries README.md and crm.7 print work when pasted into
# crontab -e: each job runs as cron runs it, under cron's bare environment
# (env -i with cron's own PATH, HOME, SHELL and LOGNAME, then the
# crontab's variable lines), against the programs as make install puts
# them.
. "$(dirname "$0")/lib.sh"

make -s -C "$top" install DESTDIR="$work/root" PREFIX=/usr/local >"$work/make.out" 2>&1
ok $? "make install"
prefix=$work/root/usr/local
mkdir -p "$work/srv/crm" "$work/backup" "$work/home" "$work/sent"

# A database at the crontab's path, with the demo staff and customers, and
# a sender (README: "Give the mails a sender once").
CRM_DB=$work/srv/crm/crm.db demo_db >/dev/null 2>&1
CRM_DB=$work/srv/crm/crm.db crm config set mail.from crm@example.com >/dev/null
ok $? "a demo database with a sender"

# There is no MTA here: a stand-in at the path the crontab gives with
# CRM_SENDMAIL, which the documentation names for another mail program.
cat >"$work/sendmail" <<EOF
#!/bin/sh
cat >"$work/sent/\$\$.eml"
EOF
chmod +x "$work/sendmail"

# The paths of the documented crontab, moved under the test's folder.
relocate() {
	sed -e "s|/usr/local/bin|$prefix/bin|g" -e "s|/srv/crm|$work/srv/crm|g" \
	    -e "s|/backup/|$work/backup/|g"
}

# cronjob LINES...: run the crontab's jobs as cron would: variables first,
# then each job's command through SHELL -c with cron's % processing
# (\% is a %; a bare % would start the job's input, which none uses).
# Sets $rc to the number of jobs that failed, and writes each job's
# stderr to $work/job.N.
cronjobs() {
	_vars="HOME=$work/home LOGNAME=root SHELL=/bin/sh PATH=/usr/bin:/bin CRM_SENDMAIL=$work/sendmail"
	_n=0
	rc=0
	while IFS= read -r _l; do
		case $_l in
		'' | '#'*) continue ;;
		[A-Za-z_]*=*) _vars="$_vars $_l"; continue ;;
		esac
		_cmd=$(printf '%s\n' "$_l" | sed -E 's/^([^ ]+ +){5}//')
		case $_cmd in *[!\\]%*) rc=99; echo "# a bare % in: $_cmd"; continue ;; esac
		_cmd=$(printf '%s' "$_cmd" | sed 's/\\%/%/g')
		_n=$((_n + 1))
		# shellcheck disable=SC2086
		(cd "$work/home" && env -i $_vars /bin/sh -c "$_cmd") \
		    >"$work/job.$_n.out" 2>"$work/job.$_n" </dev/null
		_r=$?
		if [ $_r != 0 ]; then
			rc=$((rc + 1))
			echo "# job $_n exited $_r: $_cmd"
			sed 's/^/#   /' "$work/job.$_n"
		fi
	done
	jobs=$_n
}

# README.md: the block after "in crontab".
awk '/in crontab/ { found = 1 } found && /^```/ { if (inside) exit; inside = 1; next }
    inside' "$top/README.md" | relocate >"$work/readme.cron"
is "$(grep -c '^[0-9]' "$work/readme.cron")" 2 "README.md's crontab has its two jobs"
grep -q '^PATH=' "$work/readme.cron"; ok $? "and a PATH line"
cronjobs <"$work/readme.cron"
is "$rc" 0 "every README.md job works under cron's environment"
ls "$work/sent" | grep -q .; ok $? "and mail goes out"

# crm.7: the literal block after "or in the crontab:".
sed -n '/^or in the crontab:/,/^\.Ed/p' "$top/man/crm.7" | sed -e '1,2d' -e '$d' -e 's/\\e/\\/g' |
    relocate >"$work/crm7.cron"
is "$(grep -c '^[0-9]' "$work/crm7.cron")" 5 "crm.7's crontab has its five jobs"
rm -f "$work/sent"/*
cronjobs <"$work/crm7.cron"
is "$rc" 0 "every crm.7 job works under cron's environment"
is "$(ls "$work/backup" | grep -c "^crm-$(date +%F)\\.db$")" 1 "the nightly backup is made, named by the day"

# Without the crontab's lines the same jobs fail as the issue found: the
# test's environment is as bare as cron's.
grep -v '^PATH=' "$work/readme.cron" >"$work/nopath.cron"
cronjobs <"$work/nopath.cron" 2>/dev/null >/dev/null
is "$rc" "$jobs" "without the PATH line every job fails (not found)"
grep -v '^CRM_DB=' "$work/readme.cron" >"$work/nodb.cron"
cronjobs <"$work/nodb.cron" >/dev/null
like "$(cat "$work/job.1")" "no database at '$work/home/.local/share/crm/crm.db'" \
    "without CRM_DB the programs look in the cron user's home"
done_testing
