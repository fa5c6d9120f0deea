#!/bin/sh
# `make debs`: install the Debian packages the tests need. Arguments: "package: why it is needed".
# Says what it installs and why before apt starts; waits up to APT_WAIT seconds for another apt or dpkg
# to release its lock, then fails saying what to do; on a machine without apt-get it skips with a reason.
set -u
APT_GET=${APT_GET:-apt-get}
APT_WAIT=${APT_WAIT:-600}
say() { printf 'make debs: %s\n' "$*"; }

installed() {
    [ -z "${DEBS_FORCE:-}" ] &&
        dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=""
reasons=""
for entry in "$@"; do
    deb=${entry%%:*}
    why=${entry#*:}
    why=${why# }
    installed "$deb" && continue
    missing="$missing $deb"
    reasons="$reasons
    $deb: ${why:-(no reason given beside DEBS in the Makefile)}"
done
[ -z "$missing" ] && exit 0

if ! command -v "$APT_GET" >/dev/null 2>&1; then
    say "skipped: no apt-get on this machine to install$missing; the tests that need them skip and say why:$reasons"
    exit 0
fi
if [ "$(id -u)" = 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    say "installing$missing needs root: run \`make debs\` as root once, or \`make test DEBS=\` to install nothing (the tests that need them then skip)"
    exit 1
fi

say "installing$missing with apt-get (about a minute; waits up to ${APT_WAIT}s if another apt is running):$reasons"
log=$(mktemp)
status=$(mktemp)
trap 'rm -f "$log" "$status"' EXIT

# Run apt-get, showing its output as it comes; $status gets its exit code.
run_apt() {
    { $sudo env DEBIAN_FRONTEND=noninteractive "$APT_GET" -q -y -o DPkg::Lock::Timeout="$APT_WAIT" "$@" 2>&1
      echo $? >"$status"; } | tee "$log"
    return "$(cat "$status")"
}

locked() { grep -q -e 'Could not get lock' -e 'Unable to acquire' -e 'Unable to lock' "$log"; }

busy() {
    holder=$(grep -o 'held by process [0-9]* ([^)]*)' "$log" | tail -n 1)
    say "apt stayed busy for ${APT_WAIT}s: another apt or dpkg holds its lock${holder:+, $holder}."
    say "wait for it to finish, then run \`make test\` again; \`make test APT_WAIT=1800\` waits longer."
    exit 1
}

unknown=""
for deb in $missing; do
    apt-cache show "$deb" >/dev/null 2>&1 || unknown="$unknown $deb"
done
if [ -n "$unknown" ]; then
    # `apt-get update` does not wait for the lists lock (apt 2.6), so retry it until APT_WAIT runs out.
    deadline=$(($(date +%s) + APT_WAIT))
    until run_apt update; do
        locked || { say "apt-get update failed (above)"; exit 1; }
        [ "$(date +%s)" -lt "$deadline" ] || busy
        say "another apt holds the package lists; retrying in 2s"
        sleep 2
    done
fi
if ! run_apt install --no-upgrade $missing; then
    locked && busy
    say "apt-get could not install$missing (above): install them yourself, or \`make test DEBS=\` to skip the tests that need them"
    exit 1
fi
say "installed$missing"
