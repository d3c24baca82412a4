-- Benchmark data for benches/run.sh, inserted into a database whose schema `vendctl serve`
-- created: machines BM0001..BM1000 with 20 sessions each, and machine BMBIG with 100,000.
-- Timestamps use the storage form YYYY-MM-DDTHH:MM:SS.ffffff in UTC (strftime's %f gives
-- milliseconds, so three zeros are appended). Session ids follow the production form
-- MACHINE_YYYYMMDD_HHMMSS_HEX.

WITH RECURSIVE numbers(n) AS (
    SELECT 1 UNION ALL SELECT n + 1 FROM numbers WHERE n < 1001
)
INSERT INTO machines (id, name, location, is_active, created_at, last_heartbeat, qr_config)
SELECT
    CASE WHEN n <= 1000 THEN printf('BM%04d', n) ELSE 'BMBIG' END,
    printf('Bench machine %d', n),
    printf('Hall %d', n % 17),
    1,
    strftime('%Y-%m-%dT%H:%M:%f', 'now', '-90 days') || '000',
    strftime('%Y-%m-%dT%H:%M:%f', 'now', printf('-%d seconds', n % 300)) || '000',
    '{"timeout_minutes": 30}'
FROM numbers;

-- Small machines: the two newest sessions of each are live (created less than 30 minutes ago),
-- the other 18 are older than their 30-minute timeout, in finished and stale states.
WITH RECURSIVE numbers(n) AS (
    SELECT 0 UNION ALL SELECT n + 1 FROM numbers WHERE n < 19999
),
shaped AS (
    SELECT
        n,
        printf('BM%04d', n / 20 + 1) AS machine_id,
        CASE
            WHEN n % 20 < 2 THEN
                CASE n % 3 WHEN 0 THEN 'active' WHEN 1 THEN 'designing' ELSE 'payment_pending' END
            ELSE
                CASE n % 4 WHEN 0 THEN 'expired' WHEN 1 THEN 'cancelled'
                           WHEN 2 THEN 'payment_completed' ELSE 'active' END
        END AS status,
        printf('-%d seconds', (n % 20) * 900 + (n % 7) * 11) AS age
    FROM numbers
)
INSERT INTO sessions (session_id, machine_id, status, user_progress, created_at, expires_at,
                      last_activity, payment_amount, payment_method, order_id, ip_address,
                      session_data)
SELECT
    printf('%s_%s_%08X', machine_id, strftime('%Y%m%d_%H%M%S', 'now', age), n),
    machine_id,
    status,
    CASE status WHEN 'payment_completed' THEN 'completed' WHEN 'payment_pending' THEN 'payment_pending'
                WHEN 'designing' THEN 'designing' ELSE 'started' END,
    strftime('%Y-%m-%dT%H:%M:%f', 'now', age) || '000',
    strftime('%Y-%m-%dT%H:%M:%f', 'now', age, '+30 minutes') || '000',
    strftime('%Y-%m-%dT%H:%M:%f', 'now', age, '+2 minutes') || '000',
    CASE WHEN status = 'payment_completed' THEN 19.99 END,
    CASE WHEN status = 'payment_completed' THEN 'card' END,
    CASE WHEN status = 'payment_completed' THEN printf('ORD%08d', n) END,
    '192.0.2.' || (n % 250 + 1),
    '{"case": "iphone-15"}'
FROM shaped;

-- BMBIG: one session every 30 seconds over the last 35 days, so only the newest 60 are live.
WITH RECURSIVE numbers(n) AS (
    SELECT 0 UNION ALL SELECT n + 1 FROM numbers WHERE n < 99999
),
shaped AS (
    SELECT
        n,
        CASE n % 5 WHEN 0 THEN 'expired' WHEN 1 THEN 'cancelled' WHEN 2 THEN 'payment_completed'
                   WHEN 3 THEN 'payment_pending' ELSE 'active' END AS status,
        printf('-%d seconds', n * 30) AS age
    FROM numbers
)
INSERT INTO sessions (session_id, machine_id, status, user_progress, created_at, expires_at,
                      last_activity, payment_amount, payment_method, order_id, ip_address,
                      session_data)
SELECT
    printf('BMBIG_%s_%08X', strftime('%Y%m%d_%H%M%S', 'now', age), n),
    'BMBIG',
    status,
    CASE status WHEN 'payment_completed' THEN 'completed' WHEN 'payment_pending' THEN 'payment_pending'
                ELSE 'started' END,
    strftime('%Y-%m-%dT%H:%M:%f', 'now', age) || '000',
    strftime('%Y-%m-%dT%H:%M:%f', 'now', age, '+30 minutes') || '000',
    strftime('%Y-%m-%dT%H:%M:%f', 'now', age, '+2 minutes') || '000',
    CASE WHEN status = 'payment_completed' THEN 19.99 END,
    CASE WHEN status = 'payment_completed' THEN 'card' END,
    CASE WHEN status = 'payment_completed' THEN printf('ORD%08d', n) END,
    '192.0.2.' || (n % 250 + 1),
    '{"case": "iphone-15"}'
FROM shaped;
