#!/usr/bin/env bash
# Installs the third-party tools that server/export's TestFilesLoadInTools
# loads gloss exports into:
#   Debian: python3-nltk (CoNLL), python3-pyld and python3-rdflib (JSON-LD),
#           python3-chardet (doccano's encoding guess), chromium (Label
#           Studio's editor), nodejs and npm if node is missing;
#   npm:    the packages pinned in package.json and package-lock.json next
#           to this script, into $GLOSS_TOOLS_DIR (default: the user cache
#           dir's gloss-tools, as Go's os.UserCacheDir finds it), never into
#           the repository.
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
