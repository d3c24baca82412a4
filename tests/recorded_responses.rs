//! Every recorded admin API response renders as a table and passes through `-o json`
//! unchanged: same values, same key order, same bytes.

mod mock_server;

use mock_server::{keys, recording, serve_recording, vendctl};

/// One recorded response and the command that requests it.
struct Case {
    fixture: &'static str,
    verb: &'static str,
    url_path: &'static str,
    args: &'static [&'static str],
    /// Text the table output must contain.
    table_contains: &'static [&'static str],
}

const SESSION: &str = "CXYLOGD8OQUK_20261204_195822_3F8AECDE";

const CASES: &[Case] = &[
    Case {
        fixture: "list-sessions.200-mixed-states.http",
        verb: "GET",
        url_path: "/api/admin/machines/CXYLOGD8OQUK/sessions",
        args: &["sessions", "list", "CXYLOGD8OQUK"],
        table_contains: &[
            "CXYLOGD8OQUK_20261204_195824_B2C48EC1",
            "payment_completed",
            "19.99",
            "12.50",
            "9 sessions of machine CXYLOGD8OQUK: 4 not expired, 5 expired or cancelled",
        ],
    },
    Case {
        fixture: "list-sessions.200-mixed-states.sqlite.http",
        verb: "GET",
        url_path: "/api/admin/machines/CXYLOGD8OQUK/sessions",
        args: &["sessions", "list", "CXYLOGD8OQUK"],
        table_contains: &[
            "CXYLOGD8OQUK_20261204_195812_90B3A099",
            "expired",
            "designing",
        ],
    },
    Case {
        fixture: "list-sessions.200-unknown-machine.http",
        verb: "GET",
        url_path: "/api/admin/machines/NOSUCHMACHINE/sessions",
        args: &["sessions", "list", "NOSUCHMACHINE"],
        table_contains: &["No sessions on machine NOSUCHMACHINE."],
    },
    Case {
        fixture: "machine-info.200.http",
        verb: "GET",
        url_path: "/api/admin/machines/CXYLOGD8OQUK/info",
        args: &["machine", "info", "CXYLOGD8OQUK"],
        table_contains: &[
            "Chinese Vending Machine CXYLOGD8OQUK",
            "In-memory counter",
            "Diagnosis",
        ],
    },
    Case {
        fixture: "machine-info.200-after-cleanup-drift.http",
        verb: "GET",
        url_path: "/api/admin/machines/CXYLOGD8OQUK/info",
        args: &["machine", "info", "CXYLOGD8OQUK"],
        table_contains: &["in-memory counter is below the live sessions"],
    },
    Case {
        fixture: "machine-info.200-unknown-machine.http",
        verb: "GET",
        url_path: "/api/admin/machines/NOSUCHMACHINE/info",
        args: &["machine", "info", "NOSUCHMACHINE"],
        table_contains: &["Machine not found", "created on its first session"],
    },
    Case {
        fixture: "reset-session-count.200.http",
        verb: "POST",
        url_path: "/api/admin/machines/CXYLOGD8OQUK/reset-session-count",
        args: &["machine", "reset-count", "CXYLOGD8OQUK"],
        table_contains: &["Reset the session counter of machine CXYLOGD8OQUK: 5 -> 0"],
    },
    Case {
        fixture: "delete-session.200.http",
        verb: "DELETE",
        url_path: "/api/admin/sessions/CXYLOGD8OQUK_20261204_195822_3F8AECDE",
        args: &["sessions", "delete", SESSION],
        table_contains: &[
            "Deleted session CXYLOGD8OQUK_20261204_195822_3F8AECDE of machine CXYLOGD8OQUK",
        ],
    },
    Case {
        fixture: "cleanup.200-smart.http",
        verb: "DELETE",
        url_path: "/api/admin/machines/CXYLOGD8OQUK/sessions/cleanup",
        args: &["sessions", "cleanup", "CXYLOGD8OQUK", "--yes"],
        table_contains: &[
            "Deleted 6 sessions of machine CXYLOGD8OQUK",
            "CXYLOGD8OQUK_20261204_195824_60F887DD",
        ],
    },
    Case {
        fixture: "cleanup.200-force.http",
        verb: "DELETE",
        url_path: "/api/admin/machines/CXYLOGD8OQUK/sessions/cleanup",
        args: &["sessions", "cleanup", "CXYLOGD8OQUK", "--force", "--yes"],
        table_contains: &["Deleted 3 sessions of machine CXYLOGD8OQUK"],
    },
    Case {
        fixture: "cleanup.200-nothing-to-delete.http",
        verb: "DELETE",
        url_path: "/api/admin/machines/CXYLOGD8OQUK/sessions/cleanup",
        args: &["sessions", "cleanup", "CXYLOGD8OQUK", "--yes"],
        table_contains: &["No sessions to delete on machine CXYLOGD8OQUK."],
    },
];

#[tokio::test(flavor = "multi_thread")]
async fn every_recording_renders_as_table() {
    for case in CASES {
        let server = serve_recording(case.verb, case.url_path, case.fixture).await;

        let output = vendctl(&server.uri()).args(case.args).output().unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();

        assert!(
            output.status.success(),
            "{}: exit {:?}, stderr {stderr}",
            case.fixture,
            output.status
        );
        for expected in case.table_contains {
            assert!(
                stdout.contains(expected),
                "{}: {expected:?} missing from\n{stdout}",
                case.fixture
            );
        }
        assert!(
            !stdout.contains('\u{1b}'),
            "{}: ANSI codes off a terminal",
            case.fixture
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_recording_passes_through_json() {
    for case in CASES {
        let server = serve_recording(case.verb, case.url_path, case.fixture).await;
        let recorded = recording(case.fixture);

        let output = vendctl(&server.uri())
            .args(["-o", "json"])
            .args(case.args)
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();

        assert!(
            output.status.success(),
            "{}: {:?}",
            case.fixture,
            output.status
        );
        let printed: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|error| {
            panic!("{}: stdout is not JSON ({error}): {stdout}", case.fixture)
        });
        assert_eq!(printed, recorded.json(), "{}: values differ", case.fixture);
        assert_eq!(
            keys(&printed),
            keys(&recorded.json()),
            "{}: key order differs",
            case.fixture
        );
        assert_eq!(
            stdout.trim_end(),
            recorded.body,
            "{}: compact bytes differ",
            case.fixture
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn session_keys_keep_server_order() {
    let case = &CASES[0];
    let server = serve_recording(case.verb, case.url_path, case.fixture).await;

    let output = vendctl(&server.uri())
        .args(["-o", "json"])
        .args(case.args)
        .output()
        .unwrap();
    let printed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();

    let first = &printed["sessions"][0];
    assert_eq!(
        keys(first),
        [
            "session_id",
            "machine_id",
            "status",
            "user_progress",
            "created_at",
            "expires_at",
            "last_activity",
            "is_expired",
            "payment_amount",
            "payment_method",
            "order_id",
            "ip_address"
        ]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn unmodelled_fields_survive_json_output() {
    let mut document = recording("machine-info.200.http").json();
    document["firmware"] = serde_json::json!({"version": "2.1", "channel": "beta"});
    document["session_stats"]["queue_length"] = serde_json::json!(3);
    let server = mock_server::serve_response(
        "GET",
        "/api/admin/machines/VM001/info",
        wiremock::ResponseTemplate::new(200).set_body_json(&document),
    )
    .await;

    let output = vendctl(&server.uri())
        .args(["-o", "json", "machine", "info", "VM001"])
        .output()
        .unwrap();
    let printed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();

    assert_eq!(printed["firmware"]["channel"], "beta");
    assert_eq!(printed["session_stats"]["queue_length"], 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn ndjson_prints_one_session_per_line() {
    let case = &CASES[0];
    let server = serve_recording(case.verb, case.url_path, case.fixture).await;

    let output = vendctl(&server.uri())
        .args(["-o", "ndjson"])
        .args(case.args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();

    assert_eq!(lines.len(), 9);
    let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(first["session_id"], "CXYLOGD8OQUK_20261204_195824_B2C48EC1");
}

#[tokio::test(flavor = "multi_thread")]
async fn ids_output_lists_session_ids() {
    let case = &CASES[0];
    let server = serve_recording(case.verb, case.url_path, case.fixture).await;

    let output = vendctl(&server.uri())
        .args(["-o", "ids"])
        .args(case.args)
        .arg("--expired")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();

    assert_eq!(
        stdout,
        "CXYLOGD8OQUK_20261204_195824_B2C48EC1\n\
         CXYLOGD8OQUK_20261204_195824_E3CC309B\n\
         CXYLOGD8OQUK_20261204_195822_C7A52EF1\n\
         CXYLOGD8OQUK_20261204_195822_567F5B5C\n\
         CXYLOGD8OQUK_20261204_195822_BC91AA72\n"
    );
}
