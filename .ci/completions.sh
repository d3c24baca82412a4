#!/usr/bin/env bash
# Checks the checked-in completion scripts in real shells: bash always, zsh and fish when they
# are installed (with CI set, a missing zsh or fish is installed with apt-get first).
# Run from anywhere: .ci/completions.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
completions="$root/completions"
subcommands=(sessions machine check menu config serve)
options=(--api-url --output --profile --config)
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# Prints the bash completions of the command line "$@" (the last word is being completed).
bash_complete() {
    bash --norc --noprofile -c '
        source "$1"
        shift
        COMP_WORDS=("$@")
        COMP_CWORD=$(($# - 1))
        COMP_LINE="$*"
        COMP_POINT=${#COMP_LINE}
        previous=""
        if ((COMP_CWORD > 0)); then previous=${COMP_WORDS[COMP_CWORD - 1]}; fi
        _vendctl vendctl "${COMP_WORDS[COMP_CWORD]}" "$previous"
        printf "%s\n" "${COMPREPLY[@]}"
    ' bash_complete "$completions/vendctl.bash" "$@"
}

# Fails unless the newline-separated list $1 contains the word $2.
expect_word() {
    local list=$1 word=$2 where=$3
    if ! grep -qxF -- "$word" <<<"$list"; then
        fail "$where: \`$word\` is not offered; offered: $(tr '\n' ' ' <<<"$list")"
    fi
}

check_bash() {
    local offered
    offered=$(bash_complete vendctl "")
    for word in "${subcommands[@]}"; do
        expect_word "$offered" "$word" "bash: vendctl <TAB>"
    done
    offered=$(bash_complete vendctl --)
    for word in "${options[@]}"; do
        expect_word "$offered" "$word" "bash: vendctl --<TAB>"
    done
    offered=$(bash_complete vendctl sessions "")
    expect_word "$offered" cleanup "bash: vendctl sessions <TAB>"
    offered=$(bash_complete vendctl -o "")
    expect_word "$offered" json "bash: vendctl -o <TAB>"
    echo "bash: completions checked"
}

# zsh completes only inside the line editor, so this checks that compinit loads _vendctl for
# the vendctl command and that its definitions name every subcommand and option.
check_zsh() {
    local report
    report=$(zsh -f -c '
        fpath=("$1" $fpath)
        autoload -Uz compinit
        compinit -u -d "$2/zcompdump"
        print -r -- "registered=${_comps[vendctl]}"
        autoload -Uz +X _vendctl
        functions _vendctl
    ' check_zsh "$completions" "$(mktemp -d)")
    if ! grep -qxF "registered=_vendctl" <<<"$report"; then
        fail "zsh: compinit does not register _vendctl for vendctl"
    fi
    for word in "${subcommands[@]}" "${options[@]}"; do
        if ! grep -qF -- "'$word" <<<"$report" && ! grep -qF -- "\"$word" <<<"$report"; then
            fail "zsh: _vendctl does not define \`$word\`"
        fi
    done
    echo "zsh: completion definitions checked"
}

check_fish() {
    local offered
    offered=$(fish --no-config -c "source '$completions/vendctl.fish'; complete -C 'vendctl '" | cut -f1)
    for word in "${subcommands[@]}"; do
        expect_word "$offered" "$word" "fish: vendctl <TAB>"
    done
    offered=$(fish --no-config -c "source '$completions/vendctl.fish'; complete -C 'vendctl --'" | cut -f1)
    for word in "${options[@]}"; do
        expect_word "$offered" "$word" "fish: vendctl --<TAB>"
    done
    echo "fish: completions checked"
}

# Makes shell $1 available: installs it with apt-get under CI, or reports the skip.
have_shell() {
    local shell=$1
    if command -v "$shell" >/dev/null; then
        return 0
    fi
    if [[ -n "${CI:-}" ]] && command -v apt-get >/dev/null; then
        apt-get install -y "$shell" >/dev/null && return 0
    fi
    echo "$shell: not installed, skipped (set CI=1 to install it with apt-get)"
    return 1
}

check_bash
if have_shell zsh; then check_zsh; fi
if have_shell fish; then check_fish; fi

if ((failures > 0)); then
    echo "$failures completion check(s) failed" >&2
    exit 1
fi
