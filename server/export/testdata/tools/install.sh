#!/usr/bin/env bash
# Installs the third-party tools that server/export's TestFilesLoadInTools
# loads gloss exports into:
#   Debian: python3-nltk (CoNLL), python3-pyld and python3-rdflib (JSON-LD),
#           python3-chardet (doccano's encoding guess), chromium (Label
#           Studio's editor), nodejs and npm if node is missing;
#   npm:    the packages pinned in package.json and package-lock.json next
#           to this script, into $GLOSS_TOOLS_DIR (default: the user cache
#           dir's gloss-tools, as Go's os.UserCacheDir finds it), never into
#           the repository;
#   axe-core: axe.min.js, for the accessibility checks of web's browser
#           tests (web/a11y_e2e_test.go), into the same directory.
# Safe to run again: it installs only what is missing or out of date.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${GLOSS_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/gloss-tools}"

sudo=""
if [ "$(id -u)" != 0 ]; then
	sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive

# The Python modules must import in /usr/bin/python3, where Debian installs
# them (tools_test.go runs that interpreter, not a pyenv or venv one).
pkgs=()
/usr/bin/python3 -c 'import nltk' 2>/dev/null || pkgs+=(python3-nltk)
/usr/bin/python3 -c 'import pyld' 2>/dev/null || pkgs+=(python3-pyld)
/usr/bin/python3 -c 'import rdflib' 2>/dev/null || pkgs+=(python3-rdflib)
/usr/bin/python3 -c 'import chardet' 2>/dev/null || pkgs+=(python3-chardet)
command -v chromium >/dev/null 2>&1 || pkgs+=(chromium)
command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || pkgs+=(npm)
if [ ${#pkgs[@]} -gt 0 ]; then
	echo "install.sh: apt-get install ${pkgs[*]}"
	$sudo apt-get update -qq
	$sudo apt-get install -y -qq "${pkgs[@]}" >/dev/null
fi

# npm ci from the lock file, unless the cache already holds exactly it.
if [ -d "$dir/node_modules" ] && cmp -s "$here/package-lock.json" "$dir/package-lock.json"; then
	echo "install.sh: npm packages up to date in $dir"
else
	echo "install.sh: npm ci into $dir"
	mkdir -p "$dir"
	rm -f "$dir/package-lock.json"
	cp "$here/package.json" "$here/package-lock.json" "$dir/"
	# --ignore-scripts: none of the packages needs an install script (core-js-pure's
	# only prints a banner).
	# A failed install leaves no lock file behind, so that neither this
	# script nor the test takes the cache for complete.
	(cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) || {
		rm -f "$dir/package-lock.json"
		exit 1
	}
fi

# axe-core, which web/a11y_e2e_test.go runs in the editor's pages: only its
# axe.min.js, from the registry's tarball, checked against the integrity
# the registry published for this version (pinned here, as a lock file
# would). The test looks for $dir/axe-core-$axe_version/axe.min.js.
axe_version=4.14.1
axe_integrity="sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
axe_dir="$dir/axe-core-$axe_version"
if [ -f "$axe_dir/axe.min.js" ]; then
	echo "install.sh: axe-core $axe_version in $axe_dir"
else
	echo "install.sh: axe-core $axe_version into $axe_dir"
	tmp="$(mktemp -d)"
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && npm pack --silent "axe-core@$axe_version" >/dev/null)
	tgz="$tmp/axe-core-$axe_version.tgz"
	got="$(node -e 'const c = require("crypto"), fs = require("fs"); console.log("sha512-" + c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"))' "$tgz")"
	if [ "$got" != "$axe_integrity" ]; then
		echo "install.sh: axe-core $axe_version: integrity $got, want $axe_integrity" >&2
		exit 1
	fi
	tar -xzf "$tgz" -C "$tmp" package/axe.min.js package/LICENSE
	mkdir -p "$axe_dir"
	# The file last: its presence is what says the install is complete.
	cp "$tmp/package/LICENSE" "$axe_dir/"
	cp "$tmp/package/axe.min.js" "$axe_dir/axe.min.js.part"
	mv "$axe_dir/axe.min.js.part" "$axe_dir/axe.min.js"
fi
