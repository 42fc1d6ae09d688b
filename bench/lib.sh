# bench/lib.sh - what the bench scripts share; sourced by them, not run.

# bench_built: stops, saying so, when this tree's programs are not built
# (else PATH would find installed ones, or none).
bench_built() {
	[ -x "$top/bin/crm-init" ] || {
		echo "bench: $top/bin/crm-init is missing: run make first" >&2
		exit 1
	}
}

# bench_dir: sets dir to BENCH_DIR (made if need be, and kept), else to a
# temporary folder removed when the script exits.
bench_dir() {
	if [ -n "${BENCH_DIR:-}" ]; then
		dir=$BENCH_DIR
		mkdir -p "$dir"
	else
		dir=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench.XXXXXX")
		trap 'rm -rf "$dir"' EXIT
	fi
}
