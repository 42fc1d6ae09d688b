#!/bin/sh
# The examples in the man pages and the README run, so that they cannot
# rot: each page's "$ command" lines run in order on a fresh demo database
# and must succeed (crm-check may exit 1: finding gaps is its job); where a
# page shows the output of a command, the output must be that.
. "$(dirname "$0")/lib.sh"

# The README's tour is a shell block without prompts.
sed -n '/^## A short tour/,/^## /p' "$top/README.md" |
	sed -n '/^```sh$/,/^```$/p' | grep -v '^```' |
	sed 's/^export .*//; /^$/d; s/^/$ /' >"$work/README.examples"

# So is README.zh-CN.md's, in the locale its readers use.
sed -n '/^## 五分钟上手/,/^## /p' "$top/README.zh-CN.md" |
	sed -n '/^```sh$/,/^```$/p' | grep -v '^```' |
	sed 's/^export .*//; /^$/d; s/^/$ /' >"$work/README.zh-CN.examples"

python3 - "$top" "$work" <<'PY'
import os, re, subprocess, sys
top, work = sys.argv[1], sys.argv[2]
pages = sorted(os.path.join(top, 'man', f) for f in os.listdir(os.path.join(top, 'man')))
pages.append(os.path.join(work, 'README.examples'))
pages.append(os.path.join(work, 'README.zh-CN.examples'))
n = 0
fail = 0
def report(ok, name, diag=''):
    global n, fail
    n += 1
    print(('ok' if ok else 'not ok') + ' %d - %s' % (n, name))
    if not ok:
        fail += 1
        for l in diag.splitlines():
            print('#   ' + l)
for page in pages:
    name = os.path.basename(page)
    if page.endswith('.examples'):
        text = open(page, encoding='utf-8').read()
    else:
        text = subprocess.run(['mandoc', '-Tutf8', page], capture_output=True).stdout.decode()
        text = re.sub(r'.\x08', '', text)
    lines = text.splitlines()
    examples = []          # (command, expected output lines)
    i = 0
    while i < len(lines):
        m = re.match(r'^(\s*)\$ (.*)$', lines[i])
        if not m:
            i += 1
            continue
        indent, cmd = len(m.group(1)), m.group(2)
        while cmd.endswith('\\') and i + 1 < len(lines):
            i += 1
            cmd = cmd[:-1] + ' ' + lines[i].strip()
        i += 1
        want = []
        while i < len(lines) and lines[i].strip() and not re.match(r'^\s*\$ ', lines[i]) \
                and len(lines[i]) - len(lines[i].lstrip()) >= indent:
            want.append(lines[i][indent:])
            i += 1
        examples.append((cmd, want))
    if not examples:
        continue
    d = os.path.join(work, 'ex-' + name)
    os.makedirs(d)
    # as the demo's own acting user (its archive specialist): once there
    # is a staff, who writes must be a member
    env = dict(os.environ, CRM_DB=os.path.join(d, 'crm.db'), CRM_SENDMAIL='cat >/dev/null',
               CRM_USER='yangxue')
    if 'zh-CN' in name:
        env.pop('LC_ALL', None)
        env.pop('LANGUAGE', None)
        env['LANG'] = 'zh_CN.UTF-8'
    # the demo database of make demo (data/demo.sh)
    setup = subprocess.run(['sh', '-c', 'sh "$1/data/demo.sh" >/dev/null', 'sh', top],
                           cwd=d, env=env, capture_output=True)
    if setup.returncode != 0:
        report(False, name + ': demo database', setup.stderr.decode())
        continue
    for cmd, want in examples:
        if 'crm-init' in cmd or cmd.startswith('crm init'):
            # a fresh file for examples that create one
            env2 = dict(env, CRM_DB=os.path.join(d, 'new.db'))
            for f in ('new.db',):
                p = os.path.join(d, f)
                if os.path.exists(p): os.remove(p)
        else:
            env2 = env
        r = subprocess.run(['bash', '-c', cmd], cwd=d, env=env2, capture_output=True, timeout=60)
        okrc = r.returncode == 0 or (r.returncode == 1 and re.search(r'crm[ -]check', cmd))
        report(okrc, '%s: %s' % (name, cmd), 'exit %d\n%s' % (r.returncode, r.stderr.decode(errors='replace')))
        if want and okrc and not any('...' in w or '\u2026' in w for w in want):
            got = [l.rstrip() for l in r.stdout.decode(errors='replace').splitlines()]
            w = [l.rstrip() for l in want]
            report(got == w, '%s: output of %s' % (name, cmd), 'got:\n' + '\n'.join(got) + '\nwant:\n' + '\n'.join(w))
print('1..%d' % n)
sys.exit(1 if fail else 0)
PY
