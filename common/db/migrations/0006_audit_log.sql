-- The audit trail (issue 16, "Audit"): one row per committed change a call made, written in the
-- same transaction as the change (common/db/transaction.h), so a change without its row — or a
-- row without its change — cannot exist. Append-only: the service's account gets SELECT and
-- INSERT on it, never UPDATE or DELETE (common/db/service_grants.h).
CREATE TABLE IF NOT EXISTS audit_log (
  id BIGINT NOT NULL AUTO_INCREMENT,
  -- When the change committed (wall time, microseconds).
  recorded_at DATETIME(6) NOT NULL,
  -- The caller as its token file names it, its role (cs.common.v1.Role name) and unit (empty for
  -- roles that have none).
  principal VARCHAR(400) COLLATE utf8mb4_nopad_bin NOT NULL,
  role VARCHAR(32) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  unit_id VARCHAR(64) COLLATE utf8mb4_nopad_bin NOT NULL,
  -- The RPC's short name ("ForwardTicket") and the request_id it carried (empty when it has none).
  method VARCHAR(128) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  request_id VARCHAR(128) COLLATE utf8mb4_nopad_bin NOT NULL,
  -- What changed, as the store names it ("ticket 42", "hotline 7, staff 3"), at most 1000 chars.
  target VARCHAR(1000) COLLATE utf8mb4_nopad_bin NOT NULL,
  -- The outcome the row stands for: OK (committed). Refused calls change nothing and are counted
  -- in cs_<service>_rpc_handled_total instead, so a flood of them cannot grow the database.
  result VARCHAR(32) CHARACTER SET ascii COLLATE ascii_nopad_bin NOT NULL,
  PRIMARY KEY (id),
  KEY audit_log_by_method (method, recorded_at),
  KEY audit_log_by_principal (principal, recorded_at),
  KEY audit_log_by_request (request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
