# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_vendctl_global_optspecs
    string join \n api-url= token= token-file= timeout= retries= o/output= color= v/verbose profile= config= h/help V/version
end

function __fish_vendctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_vendctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_vendctl_using_subcommand
    set -l cmd (__fish_vendctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c vendctl -n "__fish_vendctl_needs_command" -l api-url -d 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]' -r
complete -c vendctl -n "__fish_vendctl_needs_command" -l token -d 'Bearer token sent in the Authorization header (never printed)' -r
complete -c vendctl -n "__fish_vendctl_needs_command" -l token-file -d 'File whose first line is the bearer token' -r -F
complete -c vendctl -n "__fish_vendctl_needs_command" -l timeout -d 'Time limit in seconds for connecting and for each whole request [default: 30]' -r
complete -c vendctl -n "__fish_vendctl_needs_command" -l retries -d 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]' -r
complete -c vendctl -n "__fish_vendctl_needs_command" -s o -l output -d 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON' -r -f -a "table\t'Tables and sentences for people'
json\t'The server\'s JSON documents, unchanged'
ids\t'One session id per line (session listings only)'
ndjson\t'One JSON object per line'"
complete -c vendctl -n "__fish_vendctl_needs_command" -l color -d 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c vendctl -n "__fish_vendctl_needs_command" -l profile -d 'Profile of the configuration file to use [default: the file\'s default_profile, if any]' -r
complete -c vendctl -n "__fish_vendctl_needs_command" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]' -r -F
complete -c vendctl -n "__fish_vendctl_needs_command" -s v -l verbose -d 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
complete -c vendctl -n "__fish_vendctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vendctl -n "__fish_vendctl_needs_command" -s V -l version -d 'Print version'
complete -c vendctl -n "__fish_vendctl_needs_command" -f -a "sessions" -d 'List, clean up and delete sessions'
complete -c vendctl -n "__fish_vendctl_needs_command" -f -a "machine" -d 'Inspect machines and reset their in-memory session counters'
complete -c vendctl -n "__fish_vendctl_needs_command" -f -a "check" -d 'Check machines against the session limit, for Nagios, Icinga or Zabbix'
complete -c vendctl -n "__fish_vendctl_needs_command" -f -a "menu" -d 'Choose actions on a machine from an interactive menu (terminal only)'
complete -c vendctl -n "__fish_vendctl_needs_command" -f -a "config" -d 'Show the effective configuration and where each setting came from'
complete -c vendctl -n "__fish_vendctl_needs_command" -f -a "serve" -d 'Serve the admin API over a local SQLite database, for trials and tests'
complete -c vendctl -n "__fish_vendctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and not __fish_seen_subcommand_from list cleanup delete help" -l api-url -d 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and not __fish_seen_subcommand_from list cleanup delete help" -l token -d 'Bearer token sent in the Authorization header (never printed)' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and not __fish_seen_subcommand_from list cleanup delete help" -l token-file -d 'File whose first line is the bearer token' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and not __fish_seen_subcommand_from list cleanup delete help" -l timeout -d 'Time limit in seconds for connecting and for each whole request [default: 30]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and not __fish_seen_subcommand_from list cleanup delete help" -l retries -d 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and not __fish_seen_subcommand_from list cleanup delete help" -s o -l output -d 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON' -r -f -a "table\t'Tables and sentences for people'
json\t'The server\'s JSON documents, unchanged'
ids\t'One session id per line (session listings only)'
ndjson\t'One JSON object per line'"
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and not __fish_seen_subcommand_from list cleanup delete help" -l color -d 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and not __fish_seen_subcommand_from list cleanup delete help" -l profile -d 'Profile of the configuration file to use [default: the file\'s default_profile, if any]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and not __fish_seen_subcommand_from list cleanup delete help" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and not __fish_seen_subcommand_from list cleanup delete help" -s v -l verbose -d 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and not __fish_seen_subcommand_from list cleanup delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and not __fish_seen_subcommand_from list cleanup delete help" -s V -l version -d 'Print version'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and not __fish_seen_subcommand_from list cleanup delete help" -f -a "list" -d 'List a machine\'s sessions, newest first'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and not __fish_seen_subcommand_from list cleanup delete help" -f -a "cleanup" -d 'Delete a machine\'s finished and expired sessions, or all of them with --force'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and not __fish_seen_subcommand_from list cleanup delete help" -f -a "delete" -d 'Delete sessions by id'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and not __fish_seen_subcommand_from list cleanup delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from list" -l machines-file -d 'File with one machine id per line, or - for stdin; blank lines and # comments are skipped' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from list" -l jobs -d 'Requests in flight at once when several machines are given' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from list" -l status -d 'Only sessions with this status (active, designing, payment_pending, payment_completed, expired, cancelled)' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from list" -l limit -d 'Sessions to fetch per machine, 1 to 100 (the server\'s maximum) [default: 50]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from list" -l older-than -d 'Only sessions created longer ago than this (90s, 15m, 2h, 1d)' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from list" -l api-url -d 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from list" -l token -d 'Bearer token sent in the Authorization header (never printed)' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from list" -l token-file -d 'File whose first line is the bearer token' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from list" -l timeout -d 'Time limit in seconds for connecting and for each whole request [default: 30]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from list" -l retries -d 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON' -r -f -a "table\t'Tables and sentences for people'
json\t'The server\'s JSON documents, unchanged'
ids\t'One session id per line (session listings only)'
ndjson\t'One JSON object per line'"
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from list" -l color -d 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from list" -l profile -d 'Profile of the configuration file to use [default: the file\'s default_profile, if any]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from list" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from list" -l expired -d 'Only sessions past their expiry or with status expired or cancelled'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from cleanup" -l machines-file -d 'File with one machine id per line, or - for stdin; blank lines and # comments are skipped' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from cleanup" -l jobs -d 'Requests in flight at once when several machines are given' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from cleanup" -l api-url -d 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from cleanup" -l token -d 'Bearer token sent in the Authorization header (never printed)' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from cleanup" -l token-file -d 'File whose first line is the bearer token' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from cleanup" -l timeout -d 'Time limit in seconds for connecting and for each whole request [default: 30]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from cleanup" -l retries -d 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from cleanup" -s o -l output -d 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON' -r -f -a "table\t'Tables and sentences for people'
json\t'The server\'s JSON documents, unchanged'
ids\t'One session id per line (session listings only)'
ndjson\t'One JSON object per line'"
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from cleanup" -l color -d 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from cleanup" -l profile -d 'Profile of the configuration file to use [default: the file\'s default_profile, if any]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from cleanup" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from cleanup" -l force -d 'Delete every session of the machine, live ones included'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from cleanup" -s y -l yes -d 'Do not ask for confirmation (required for --force without a terminal)'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from cleanup" -l dry-run -d 'Print what would be deleted and delete nothing'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from cleanup" -l keep-payments -d 'Keep payment_pending and payment_completed sessions, deleting the rest one by one'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from cleanup" -s v -l verbose -d 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from cleanup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from cleanup" -s V -l version -d 'Print version'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from delete" -l jobs -d 'Deletions in flight at once' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from delete" -l api-url -d 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from delete" -l token -d 'Bearer token sent in the Authorization header (never printed)' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from delete" -l token-file -d 'File whose first line is the bearer token' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from delete" -l timeout -d 'Time limit in seconds for connecting and for each whole request [default: 30]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from delete" -l retries -d 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON' -r -f -a "table\t'Tables and sentences for people'
json\t'The server\'s JSON documents, unchanged'
ids\t'One session id per line (session listings only)'
ndjson\t'One JSON object per line'"
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from delete" -l color -d 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from delete" -l profile -d 'Profile of the configuration file to use [default: the file\'s default_profile, if any]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from delete" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from delete" -l ignore-missing -d 'Count a session that is not found (404) as already deleted'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "list" -d 'List a machine\'s sessions, newest first'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "cleanup" -d 'Delete a machine\'s finished and expired sessions, or all of them with --force'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete sessions by id'
complete -c vendctl -n "__fish_vendctl_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and not __fish_seen_subcommand_from info reset-count help" -l api-url -d 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and not __fish_seen_subcommand_from info reset-count help" -l token -d 'Bearer token sent in the Authorization header (never printed)' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and not __fish_seen_subcommand_from info reset-count help" -l token-file -d 'File whose first line is the bearer token' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and not __fish_seen_subcommand_from info reset-count help" -l timeout -d 'Time limit in seconds for connecting and for each whole request [default: 30]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and not __fish_seen_subcommand_from info reset-count help" -l retries -d 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and not __fish_seen_subcommand_from info reset-count help" -s o -l output -d 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON' -r -f -a "table\t'Tables and sentences for people'
json\t'The server\'s JSON documents, unchanged'
ids\t'One session id per line (session listings only)'
ndjson\t'One JSON object per line'"
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and not __fish_seen_subcommand_from info reset-count help" -l color -d 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and not __fish_seen_subcommand_from info reset-count help" -l profile -d 'Profile of the configuration file to use [default: the file\'s default_profile, if any]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and not __fish_seen_subcommand_from info reset-count help" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and not __fish_seen_subcommand_from info reset-count help" -s v -l verbose -d 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and not __fish_seen_subcommand_from info reset-count help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and not __fish_seen_subcommand_from info reset-count help" -s V -l version -d 'Print version'
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and not __fish_seen_subcommand_from info reset-count help" -f -a "info" -d 'Show a machine\'s details, session statistics and a drift diagnosis'
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and not __fish_seen_subcommand_from info reset-count help" -f -a "reset-count" -d 'Reset a machine\'s in-memory session counter to 0'
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and not __fish_seen_subcommand_from info reset-count help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from info" -l machines-file -d 'File with one machine id per line, or - for stdin; blank lines and # comments are skipped' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from info" -l jobs -d 'Requests in flight at once when several machines are given' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from info" -l api-url -d 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from info" -l token -d 'Bearer token sent in the Authorization header (never printed)' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from info" -l token-file -d 'File whose first line is the bearer token' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from info" -l timeout -d 'Time limit in seconds for connecting and for each whole request [default: 30]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from info" -l retries -d 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from info" -s o -l output -d 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON' -r -f -a "table\t'Tables and sentences for people'
json\t'The server\'s JSON documents, unchanged'
ids\t'One session id per line (session listings only)'
ndjson\t'One JSON object per line'"
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from info" -l color -d 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from info" -l profile -d 'Profile of the configuration file to use [default: the file\'s default_profile, if any]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from info" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from info" -s v -l verbose -d 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from reset-count" -l machines-file -d 'File with one machine id per line, or - for stdin; blank lines and # comments are skipped' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from reset-count" -l jobs -d 'Requests in flight at once when several machines are given' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from reset-count" -l api-url -d 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from reset-count" -l token -d 'Bearer token sent in the Authorization header (never printed)' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from reset-count" -l token-file -d 'File whose first line is the bearer token' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from reset-count" -l timeout -d 'Time limit in seconds for connecting and for each whole request [default: 30]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from reset-count" -l retries -d 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from reset-count" -s o -l output -d 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON' -r -f -a "table\t'Tables and sentences for people'
json\t'The server\'s JSON documents, unchanged'
ids\t'One session id per line (session listings only)'
ndjson\t'One JSON object per line'"
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from reset-count" -l color -d 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from reset-count" -l profile -d 'Profile of the configuration file to use [default: the file\'s default_profile, if any]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from reset-count" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from reset-count" -s v -l verbose -d 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from reset-count" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from reset-count" -s V -l version -d 'Print version'
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from help" -f -a "info" -d 'Show a machine\'s details, session statistics and a drift diagnosis'
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from help" -f -a "reset-count" -d 'Reset a machine\'s in-memory session counter to 0'
complete -c vendctl -n "__fish_vendctl_using_subcommand machine; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vendctl -n "__fish_vendctl_using_subcommand check" -l machines-file -d 'File with one machine id per line, or - for stdin; blank lines and # comments are skipped' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand check" -l jobs -d 'Requests in flight at once when several machines are given' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand check" -l warning -d 'Usage in percent of the session limit at or above which a machine is WARNING (1 to 1000)' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand check" -l critical -d 'Usage in percent of the session limit at or above which a machine is CRITICAL (1 to 1000)' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand check" -l api-url -d 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand check" -l token -d 'Bearer token sent in the Authorization header (never printed)' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand check" -l token-file -d 'File whose first line is the bearer token' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand check" -l timeout -d 'Time limit in seconds for connecting and for each whole request [default: 30]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand check" -l retries -d 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand check" -s o -l output -d 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON' -r -f -a "table\t'Tables and sentences for people'
json\t'The server\'s JSON documents, unchanged'
ids\t'One session id per line (session listings only)'
ndjson\t'One JSON object per line'"
complete -c vendctl -n "__fish_vendctl_using_subcommand check" -l color -d 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c vendctl -n "__fish_vendctl_using_subcommand check" -l profile -d 'Profile of the configuration file to use [default: the file\'s default_profile, if any]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand check" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand check" -s v -l verbose -d 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
complete -c vendctl -n "__fish_vendctl_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vendctl -n "__fish_vendctl_using_subcommand check" -s V -l version -d 'Print version'
complete -c vendctl -n "__fish_vendctl_using_subcommand menu" -l api-url -d 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand menu" -l token -d 'Bearer token sent in the Authorization header (never printed)' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand menu" -l token-file -d 'File whose first line is the bearer token' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand menu" -l timeout -d 'Time limit in seconds for connecting and for each whole request [default: 30]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand menu" -l retries -d 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand menu" -s o -l output -d 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON' -r -f -a "table\t'Tables and sentences for people'
json\t'The server\'s JSON documents, unchanged'
ids\t'One session id per line (session listings only)'
ndjson\t'One JSON object per line'"
complete -c vendctl -n "__fish_vendctl_using_subcommand menu" -l color -d 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c vendctl -n "__fish_vendctl_using_subcommand menu" -l profile -d 'Profile of the configuration file to use [default: the file\'s default_profile, if any]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand menu" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand menu" -s v -l verbose -d 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
complete -c vendctl -n "__fish_vendctl_using_subcommand menu" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vendctl -n "__fish_vendctl_using_subcommand menu" -s V -l version -d 'Print version'
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l api-url -d 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l token -d 'Bearer token sent in the Authorization header (never printed)' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l token-file -d 'File whose first line is the bearer token' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l timeout -d 'Time limit in seconds for connecting and for each whole request [default: 30]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l retries -d 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -s o -l output -d 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON' -r -f -a "table\t'Tables and sentences for people'
json\t'The server\'s JSON documents, unchanged'
ids\t'One session id per line (session listings only)'
ndjson\t'One JSON object per line'"
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l color -d 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l profile -d 'Profile of the configuration file to use [default: the file\'s default_profile, if any]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -s v -l verbose -d 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -s V -l version -d 'Print version'
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Print the effective settings and where each came from (the token redacted)'
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and __fish_seen_subcommand_from show" -l api-url -d 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and __fish_seen_subcommand_from show" -l token -d 'Bearer token sent in the Authorization header (never printed)' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and __fish_seen_subcommand_from show" -l token-file -d 'File whose first line is the bearer token' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Time limit in seconds for connecting and for each whole request [default: 30]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and __fish_seen_subcommand_from show" -l retries -d 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON' -r -f -a "table\t'Tables and sentences for people'
json\t'The server\'s JSON documents, unchanged'
ids\t'One session id per line (session listings only)'
ndjson\t'One JSON object per line'"
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Profile of the configuration file to use [default: the file\'s default_profile, if any]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the effective settings and where each came from (the token redacted)'
complete -c vendctl -n "__fish_vendctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vendctl -n "__fish_vendctl_using_subcommand serve" -l listen -d 'Address and port to listen on, such as 127.0.0.1:8000, [::1]:8000 or localhost:8000; port 0 picks a free port' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand serve" -l database -d 'SQLite database file, created with its schema when missing' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand serve" -l session-limit -d 'Concurrent sessions a machine may hold' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand serve" -l admin-token -d 'Token every /api/admin request must send as `Authorization: Bearer TOKEN`' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand serve" -l api-url -d 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand serve" -l token -d 'Bearer token sent in the Authorization header (never printed)' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand serve" -l token-file -d 'File whose first line is the bearer token' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand serve" -l timeout -d 'Time limit in seconds for connecting and for each whole request [default: 30]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand serve" -l retries -d 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand serve" -s o -l output -d 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON' -r -f -a "table\t'Tables and sentences for people'
json\t'The server\'s JSON documents, unchanged'
ids\t'One session id per line (session listings only)'
ndjson\t'One JSON object per line'"
complete -c vendctl -n "__fish_vendctl_using_subcommand serve" -l color -d 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c vendctl -n "__fish_vendctl_using_subcommand serve" -l profile -d 'Profile of the configuration file to use [default: the file\'s default_profile, if any]' -r
complete -c vendctl -n "__fish_vendctl_using_subcommand serve" -l config -d 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]' -r -F
complete -c vendctl -n "__fish_vendctl_using_subcommand serve" -l allow-unauthenticated -d 'Allow listening on a non-loopback address without --admin-token'
complete -c vendctl -n "__fish_vendctl_using_subcommand serve" -l demo -d 'Seed an empty database with demonstration machines and sessions: CXYLOGD8OQUK stuck with its counter at 5 and two live sessions, and 10HKNTDOH2BA and VM001 with two live sessions each. On a database that has data, nothing is added, but the counter of CXYLOGD8OQUK is still set to 5 if that machine exists, so every demo start shows it stuck'
complete -c vendctl -n "__fish_vendctl_using_subcommand serve" -s v -l verbose -d 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
complete -c vendctl -n "__fish_vendctl_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c vendctl -n "__fish_vendctl_using_subcommand serve" -s V -l version -d 'Print version'
complete -c vendctl -n "__fish_vendctl_using_subcommand help; and not __fish_seen_subcommand_from sessions machine check menu config serve help" -f -a "sessions" -d 'List, clean up and delete sessions'
complete -c vendctl -n "__fish_vendctl_using_subcommand help; and not __fish_seen_subcommand_from sessions machine check menu config serve help" -f -a "machine" -d 'Inspect machines and reset their in-memory session counters'
complete -c vendctl -n "__fish_vendctl_using_subcommand help; and not __fish_seen_subcommand_from sessions machine check menu config serve help" -f -a "check" -d 'Check machines against the session limit, for Nagios, Icinga or Zabbix'
complete -c vendctl -n "__fish_vendctl_using_subcommand help; and not __fish_seen_subcommand_from sessions machine check menu config serve help" -f -a "menu" -d 'Choose actions on a machine from an interactive menu (terminal only)'
complete -c vendctl -n "__fish_vendctl_using_subcommand help; and not __fish_seen_subcommand_from sessions machine check menu config serve help" -f -a "config" -d 'Show the effective configuration and where each setting came from'
complete -c vendctl -n "__fish_vendctl_using_subcommand help; and not __fish_seen_subcommand_from sessions machine check menu config serve help" -f -a "serve" -d 'Serve the admin API over a local SQLite database, for trials and tests'
complete -c vendctl -n "__fish_vendctl_using_subcommand help; and not __fish_seen_subcommand_from sessions machine check menu config serve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c vendctl -n "__fish_vendctl_using_subcommand help; and __fish_seen_subcommand_from sessions" -f -a "list" -d 'List a machine\'s sessions, newest first'
complete -c vendctl -n "__fish_vendctl_using_subcommand help; and __fish_seen_subcommand_from sessions" -f -a "cleanup" -d 'Delete a machine\'s finished and expired sessions, or all of them with --force'
complete -c vendctl -n "__fish_vendctl_using_subcommand help; and __fish_seen_subcommand_from sessions" -f -a "delete" -d 'Delete sessions by id'
complete -c vendctl -n "__fish_vendctl_using_subcommand help; and __fish_seen_subcommand_from machine" -f -a "info" -d 'Show a machine\'s details, session statistics and a drift diagnosis'
complete -c vendctl -n "__fish_vendctl_using_subcommand help; and __fish_seen_subcommand_from machine" -f -a "reset-count" -d 'Reset a machine\'s in-memory session counter to 0'
complete -c vendctl -n "__fish_vendctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the effective settings and where each came from (the token redacted)'
