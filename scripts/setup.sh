#!/usr/bin/env bash
# setup.sh: make a fresh Debian 12 machine able to build and test sigv4-wasm.
#
#   1. installs the apt packages the build needs (only the missing ones);
#   2. fetches BearSSL 0.6 from Debian's source package, checks its sha256
#      and unpacks it into .deps/bearssl (gitignored);
#   3. installs the npm devDependencies from package-lock.json (npm ci).
#
# Idempotent: a second run does nothing. Runs as root in CI; otherwise uses
# sudo when it has to install something.
#
# Environment:
#   SIGV4_BEARSSL_TARBALL  use this local copy of the orig tarball instead of
#                          running apt-get source (offline machines). The
#                          checksum is verified all the same.
set -euo pipefail

cd "$(dirname "$0")/.."

# chromium: the browser tests drive Debian's build through playwright-core.
# libcjson-dev: the C tests read the JSON vectors with cJSON.
# awscli, s3cmd, python3-boto3, curl: real clients whose requests verify()
# must accept (tests/js/clients.test.js).
APT_PACKAGES=(cmake gcc clang libclang-rt-14-dev dpkg-dev xz-utils emscripten
	valgrind chromium libcjson-dev awscli s3cmd python3-boto3 curl)

# Pinned BearSSL: Debian's repack of upstream 0.6 (dfsg only drops docs).
BEARSSL_SRC_VERSION="0.6+dfsg.1-3"
BEARSSL_ORIG="bearssl_0.6+dfsg.1.orig.tar.xz"
BEARSSL_SHA256="102a625bd8f6155260867a50c508df8d8c3f796985dd744df1a68e5cd1a79004"
BEARSSL_DIR=".deps/bearssl"
BEARSSL_STAMP="$BEARSSL_DIR/.sigv4-setup-stamp"

DEBIAN_SOURCES="/etc/apt/sources.list.d/debian.sources"
SIGV4_DEB_SRC="/etc/apt/sources.list.d/sigv4-deb-src.sources"

log() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

# Root needs no sudo; anyone else needs it only when something must change.
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO=(sudo)
	else
		SUDO=(__no_sudo__)
	fi
fi
as_root() {
	if [ "${SUDO[0]:-}" = "__no_sudo__" ]; then
		die "need root to run: $* (not root and sudo is not available)"
	fi
	"${SUDO[@]}" "$@"
}

# `dpkg -s` also succeeds for removed-but-configured packages: check Status.
is_installed() {
	dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed$'
}

bearssl_ready() {
	[ -f "$BEARSSL_DIR/inc/bearssl.h" ] && [ -f "$BEARSSL_STAMP" ] &&
		[ "$(cat "$BEARSSL_STAMP")" = "$BEARSSL_SHA256" ]
}

# deb-src may be configured in deb822 files or in one-line .list files.
have_deb_src() {
	local f
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		grep -qE '^[[:space:]]*Types:.*\bdeb-src\b' "$f" && return 0
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		grep -qE '^[[:space:]]*deb-src[[:space:]]' "$f" && return 0
	done
	return 1
}

missing=()
for p in "${APT_PACKAGES[@]}"; do
	is_installed "$p" || missing+=("$p")
done

need_bearssl=0
need_apt_source=0
if ! bearssl_ready; then
	need_bearssl=1
	[ -n "${SIGV4_BEARSSL_TARBALL:-}" ] || need_apt_source=1
fi

# Debian's images ship only "Types: deb"; apt-get source needs a deb-src twin.
if [ "$need_apt_source" -eq 1 ] && ! have_deb_src; then
	[ -f "$DEBIAN_SOURCES" ] || die "no deb-src configured and $DEBIAN_SOURCES not found"
	log "adding deb-src entries as $SIGV4_DEB_SRC"
	sed -E 's/^Types:[[:space:]]*deb[[:space:]]*$/Types: deb-src/' "$DEBIAN_SOURCES" |
		as_root tee "$SIGV4_DEB_SRC" >/dev/null
fi

# One apt-get update serves both the installs and apt-get source.
if [ "${#missing[@]}" -gt 0 ] || [ "$need_apt_source" -eq 1 ]; then
	log "apt-get update"
	as_root apt-get update -q
fi

if [ "${#missing[@]}" -gt 0 ]; then
	log "installing: ${missing[*]}"
	as_root env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -q --no-install-recommends "${missing[@]}"
else
	log "apt packages: all present"
fi

# npm: only when node_modules does not match the lockfile.
npm_deps() {
	if [ -f node_modules/.package-lock.json ] &&
		[ ! package-lock.json -nt node_modules/.package-lock.json ]; then
		log "npm: node_modules is up to date"
	else
		log "npm ci"
		npm ci --no-audit --no-fund --loglevel=error
	fi
}

if [ "$need_bearssl" -eq 0 ]; then
	log "BearSSL: $BEARSSL_DIR is up to date"
	npm_deps
	exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if [ -n "${SIGV4_BEARSSL_TARBALL:-}" ]; then
	log "BearSSL: using local tarball $SIGV4_BEARSSL_TARBALL"
	cp "$SIGV4_BEARSSL_TARBALL" "$tmp/$BEARSSL_ORIG"
else
	log "BearSSL: apt-get source bearssl=$BEARSSL_SRC_VERSION"
	mkdir "$tmp/dl"
	# apt drops root to _apt for downloads; let it write here (no warning).
	if [ "$(id -u)" -eq 0 ] && id _apt >/dev/null 2>&1; then
		chown _apt "$tmp/dl"
	fi
	# --download-only: we want the pristine orig tarball, not Debian's patches.
	(cd "$tmp/dl" && apt-get source -q --download-only "bearssl=$BEARSSL_SRC_VERSION")
	mv "$tmp/dl/$BEARSSL_ORIG" "$tmp/$BEARSSL_ORIG" 2>/dev/null || true
fi

[ -f "$tmp/$BEARSSL_ORIG" ] || die "$BEARSSL_ORIG was not downloaded"

# The pin is the checksum, not the version string: refuse anything else.
got="$(sha256sum "$tmp/$BEARSSL_ORIG" | cut -d' ' -f1)"
if [ "$got" != "$BEARSSL_SHA256" ]; then
	die "checksum mismatch for $BEARSSL_ORIG
  expected $BEARSSL_SHA256
  got      $got"
fi
log "BearSSL: sha256 OK"

# Unpack next to the target, then swap it in: never leave a half-written tree.
mkdir -p .deps
staging="$(mktemp -d .deps/bearssl.tmp.XXXXXX)"
trap 'rm -rf "$tmp" "$staging"' EXIT
tar -xJf "$tmp/$BEARSSL_ORIG" -C "$staging" --strip-components=1 --no-same-owner
[ -f "$staging/inc/bearssl.h" ] || die "tarball has no inc/bearssl.h"
printf '%s\n' "$BEARSSL_SHA256" >"$staging/.sigv4-setup-stamp"
chmod 755 "$staging"
rm -rf "$BEARSSL_DIR"
mv "$staging" "$BEARSSL_DIR"
log "BearSSL: unpacked into $BEARSSL_DIR"
npm_deps
