
use builtin;
use str;

set edit:completion:arg-completer[vendctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'vendctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'vendctl'= {
            cand --api-url 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]'
            cand --token 'Bearer token sent in the Authorization header (never printed)'
            cand --token-file 'File whose first line is the bearer token'
            cand --timeout 'Time limit in seconds for connecting and for each whole request [default: 30]'
            cand --retries 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]'
            cand -o 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --output 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --color 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`'
            cand --profile 'Profile of the configuration file to use [default: the file''s default_profile, if any]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]'
            cand -v 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand --verbose 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand sessions 'List, clean up and delete sessions'
            cand machine 'Inspect machines and reset their in-memory session counters'
            cand check 'Check machines against the session limit, for Nagios, Icinga or Zabbix'
            cand menu 'Choose actions on a machine from an interactive menu (terminal only)'
            cand config 'Show the effective configuration and where each setting came from'
            cand serve 'Serve the admin API over a local SQLite database, for trials and tests'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vendctl;sessions'= {
            cand --api-url 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]'
            cand --token 'Bearer token sent in the Authorization header (never printed)'
            cand --token-file 'File whose first line is the bearer token'
            cand --timeout 'Time limit in seconds for connecting and for each whole request [default: 30]'
            cand --retries 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]'
            cand -o 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --output 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --color 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`'
            cand --profile 'Profile of the configuration file to use [default: the file''s default_profile, if any]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]'
            cand -v 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand --verbose 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List a machine''s sessions, newest first'
            cand cleanup 'Delete a machine''s finished and expired sessions, or all of them with --force'
            cand delete 'Delete sessions by id'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vendctl;sessions;list'= {
            cand --machines-file 'File with one machine id per line, or - for stdin; blank lines and # comments are skipped'
            cand --jobs 'Requests in flight at once when several machines are given'
            cand --status 'Only sessions with this status (active, designing, payment_pending, payment_completed, expired, cancelled)'
            cand --limit 'Sessions to fetch per machine, 1 to 100 (the server''s maximum) [default: 50]'
            cand --older-than 'Only sessions created longer ago than this (90s, 15m, 2h, 1d)'
            cand --api-url 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]'
            cand --token 'Bearer token sent in the Authorization header (never printed)'
            cand --token-file 'File whose first line is the bearer token'
            cand --timeout 'Time limit in seconds for connecting and for each whole request [default: 30]'
            cand --retries 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]'
            cand -o 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --output 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --color 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`'
            cand --profile 'Profile of the configuration file to use [default: the file''s default_profile, if any]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]'
            cand --expired 'Only sessions past their expiry or with status expired or cancelled'
            cand -v 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand --verbose 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vendctl;sessions;cleanup'= {
            cand --machines-file 'File with one machine id per line, or - for stdin; blank lines and # comments are skipped'
            cand --jobs 'Requests in flight at once when several machines are given'
            cand --api-url 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]'
            cand --token 'Bearer token sent in the Authorization header (never printed)'
            cand --token-file 'File whose first line is the bearer token'
            cand --timeout 'Time limit in seconds for connecting and for each whole request [default: 30]'
            cand --retries 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]'
            cand -o 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --output 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --color 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`'
            cand --profile 'Profile of the configuration file to use [default: the file''s default_profile, if any]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]'
            cand --force 'Delete every session of the machine, live ones included'
            cand -y 'Do not ask for confirmation (required for --force without a terminal)'
            cand --yes 'Do not ask for confirmation (required for --force without a terminal)'
            cand --dry-run 'Print what would be deleted and delete nothing'
            cand --keep-payments 'Keep payment_pending and payment_completed sessions, deleting the rest one by one'
            cand -v 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand --verbose 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vendctl;sessions;delete'= {
            cand --jobs 'Deletions in flight at once'
            cand --api-url 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]'
            cand --token 'Bearer token sent in the Authorization header (never printed)'
            cand --token-file 'File whose first line is the bearer token'
            cand --timeout 'Time limit in seconds for connecting and for each whole request [default: 30]'
            cand --retries 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]'
            cand -o 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --output 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --color 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`'
            cand --profile 'Profile of the configuration file to use [default: the file''s default_profile, if any]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]'
            cand --ignore-missing 'Count a session that is not found (404) as already deleted'
            cand -v 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand --verbose 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vendctl;sessions;help'= {
            cand list 'List a machine''s sessions, newest first'
            cand cleanup 'Delete a machine''s finished and expired sessions, or all of them with --force'
            cand delete 'Delete sessions by id'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vendctl;sessions;help;list'= {
        }
        &'vendctl;sessions;help;cleanup'= {
        }
        &'vendctl;sessions;help;delete'= {
        }
        &'vendctl;sessions;help;help'= {
        }
        &'vendctl;machine'= {
            cand --api-url 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]'
            cand --token 'Bearer token sent in the Authorization header (never printed)'
            cand --token-file 'File whose first line is the bearer token'
            cand --timeout 'Time limit in seconds for connecting and for each whole request [default: 30]'
            cand --retries 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]'
            cand -o 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --output 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --color 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`'
            cand --profile 'Profile of the configuration file to use [default: the file''s default_profile, if any]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]'
            cand -v 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand --verbose 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand info 'Show a machine''s details, session statistics and a drift diagnosis'
            cand reset-count 'Reset a machine''s in-memory session counter to 0'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vendctl;machine;info'= {
            cand --machines-file 'File with one machine id per line, or - for stdin; blank lines and # comments are skipped'
            cand --jobs 'Requests in flight at once when several machines are given'
            cand --api-url 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]'
            cand --token 'Bearer token sent in the Authorization header (never printed)'
            cand --token-file 'File whose first line is the bearer token'
            cand --timeout 'Time limit in seconds for connecting and for each whole request [default: 30]'
            cand --retries 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]'
            cand -o 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --output 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --color 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`'
            cand --profile 'Profile of the configuration file to use [default: the file''s default_profile, if any]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]'
            cand -v 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand --verbose 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vendctl;machine;reset-count'= {
            cand --machines-file 'File with one machine id per line, or - for stdin; blank lines and # comments are skipped'
            cand --jobs 'Requests in flight at once when several machines are given'
            cand --api-url 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]'
            cand --token 'Bearer token sent in the Authorization header (never printed)'
            cand --token-file 'File whose first line is the bearer token'
            cand --timeout 'Time limit in seconds for connecting and for each whole request [default: 30]'
            cand --retries 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]'
            cand -o 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --output 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --color 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`'
            cand --profile 'Profile of the configuration file to use [default: the file''s default_profile, if any]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]'
            cand -v 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand --verbose 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vendctl;machine;help'= {
            cand info 'Show a machine''s details, session statistics and a drift diagnosis'
            cand reset-count 'Reset a machine''s in-memory session counter to 0'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vendctl;machine;help;info'= {
        }
        &'vendctl;machine;help;reset-count'= {
        }
        &'vendctl;machine;help;help'= {
        }
        &'vendctl;check'= {
            cand --machines-file 'File with one machine id per line, or - for stdin; blank lines and # comments are skipped'
            cand --jobs 'Requests in flight at once when several machines are given'
            cand --warning 'Usage in percent of the session limit at or above which a machine is WARNING (1 to 1000)'
            cand --critical 'Usage in percent of the session limit at or above which a machine is CRITICAL (1 to 1000)'
            cand --api-url 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]'
            cand --token 'Bearer token sent in the Authorization header (never printed)'
            cand --token-file 'File whose first line is the bearer token'
            cand --timeout 'Time limit in seconds for connecting and for each whole request [default: 30]'
            cand --retries 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]'
            cand -o 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --output 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --color 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`'
            cand --profile 'Profile of the configuration file to use [default: the file''s default_profile, if any]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]'
            cand -v 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand --verbose 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vendctl;menu'= {
            cand --api-url 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]'
            cand --token 'Bearer token sent in the Authorization header (never printed)'
            cand --token-file 'File whose first line is the bearer token'
            cand --timeout 'Time limit in seconds for connecting and for each whole request [default: 30]'
            cand --retries 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]'
            cand -o 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --output 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --color 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`'
            cand --profile 'Profile of the configuration file to use [default: the file''s default_profile, if any]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]'
            cand -v 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand --verbose 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vendctl;config'= {
            cand --api-url 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]'
            cand --token 'Bearer token sent in the Authorization header (never printed)'
            cand --token-file 'File whose first line is the bearer token'
            cand --timeout 'Time limit in seconds for connecting and for each whole request [default: 30]'
            cand --retries 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]'
            cand -o 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --output 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --color 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`'
            cand --profile 'Profile of the configuration file to use [default: the file''s default_profile, if any]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]'
            cand -v 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand --verbose 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Print the effective settings and where each came from (the token redacted)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vendctl;config;show'= {
            cand --api-url 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]'
            cand --token 'Bearer token sent in the Authorization header (never printed)'
            cand --token-file 'File whose first line is the bearer token'
            cand --timeout 'Time limit in seconds for connecting and for each whole request [default: 30]'
            cand --retries 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]'
            cand -o 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --output 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --color 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`'
            cand --profile 'Profile of the configuration file to use [default: the file''s default_profile, if any]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]'
            cand -v 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand --verbose 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vendctl;config;help'= {
            cand show 'Print the effective settings and where each came from (the token redacted)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vendctl;config;help;show'= {
        }
        &'vendctl;config;help;help'= {
        }
        &'vendctl;serve'= {
            cand --listen 'Address and port to listen on, such as 127.0.0.1:8000, [::1]:8000 or localhost:8000; port 0 picks a free port'
            cand --database 'SQLite database file, created with its schema when missing'
            cand --session-limit 'Concurrent sessions a machine may hold'
            cand --admin-token 'Token every /api/admin request must send as `Authorization: Bearer TOKEN`'
            cand --api-url 'Base URL of the backend, path prefix included [default: http://127.0.0.1:8000]'
            cand --token 'Bearer token sent in the Authorization header (never printed)'
            cand --token-file 'File whose first line is the bearer token'
            cand --timeout 'Time limit in seconds for connecting and for each whole request [default: 30]'
            cand --retries 'Retries of an idempotent request after a connection error or a 502, 503 or 504 [default: 2]'
            cand -o 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --output 'Output format: a table for people, JSON for programs, one session id per line, or NDJSON'
            cand --color 'When to colour table output; NO_COLOR and TERM=dumb turn off `auto`'
            cand --profile 'Profile of the configuration file to use [default: the file''s default_profile, if any]'
            cand --config 'Configuration file [default: $XDG_CONFIG_HOME/vendctl/config.toml]'
            cand --allow-unauthenticated 'Allow listening on a non-loopback address without --admin-token'
            cand --demo 'Seed an empty database with demonstration machines and sessions: CXYLOGD8OQUK stuck with its counter at 5 and two live sessions, and 10HKNTDOH2BA and VM001 with two live sessions each. On a database that has data, nothing is added, but the counter of CXYLOGD8OQUK is still set to 5 if that machine exists, so every demo start shows it stuck'
            cand -v 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand --verbose 'Log each request (method, URL, status, time) to stderr; repeat for more detail'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'vendctl;help'= {
            cand sessions 'List, clean up and delete sessions'
            cand machine 'Inspect machines and reset their in-memory session counters'
            cand check 'Check machines against the session limit, for Nagios, Icinga or Zabbix'
            cand menu 'Choose actions on a machine from an interactive menu (terminal only)'
            cand config 'Show the effective configuration and where each setting came from'
            cand serve 'Serve the admin API over a local SQLite database, for trials and tests'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'vendctl;help;sessions'= {
            cand list 'List a machine''s sessions, newest first'
            cand cleanup 'Delete a machine''s finished and expired sessions, or all of them with --force'
            cand delete 'Delete sessions by id'
        }
        &'vendctl;help;sessions;list'= {
        }
        &'vendctl;help;sessions;cleanup'= {
        }
        &'vendctl;help;sessions;delete'= {
        }
        &'vendctl;help;machine'= {
            cand info 'Show a machine''s details, session statistics and a drift diagnosis'
            cand reset-count 'Reset a machine''s in-memory session counter to 0'
        }
        &'vendctl;help;machine;info'= {
        }
        &'vendctl;help;machine;reset-count'= {
        }
        &'vendctl;help;check'= {
        }
        &'vendctl;help;menu'= {
        }
        &'vendctl;help;config'= {
            cand show 'Print the effective settings and where each came from (the token redacted)'
        }
        &'vendctl;help;config;show'= {
        }
        &'vendctl;help;serve'= {
        }
        &'vendctl;help;help'= {
        }
    ]
    $completions[$command]
}
