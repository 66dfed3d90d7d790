#!/usr/bin/env bash
# ./stack check: one real request through the running stack, as its users would make it. A commune official of
# Phường Ba Đình (commune 4, Hà Nội) submits a case with a Keycloak token; the case must be routed by triage-service
# (seen by Hà Nội's liaison) and found by search-service (seen by a leader); when notification-service is part of the
# stack, the commune's official (commune-4@pakn.local) must be told by e-mail (GreenMail, ./stack mail) and in the
# in-app inbox. Exits non-zero, saying which step failed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INTAKE="http://127.0.0.1:${PAKN_INTAKE_PORT:-8081}"
TRIAGE="http://127.0.0.1:${PAKN_TRIAGE_PORT:-8082}"
SEARCH="http://127.0.0.1:${PAKN_SEARCH_PORT:-8083}"
NOTIFICATION="http://127.0.0.1:${PAKN_NOTIFICATION_PORT:-8084}"
WAIT="${PAKN_CHECK_WAIT_SECONDS:-120}"
t0=$(date +%s)
say() { printf '[check %3ss] %s\n' "$(( $(date +%s) - t0 ))" "$*"; }
fail() { echo "stack check: FAILED: $*" >&2; exit 1; }

commune=$("$ROOT/stack" token commune-official 4) || fail "no token for commune-official 4 (is Keycloak up? ./stack status)"
liaison=$("$ROOT/stack" token liaison 1) || fail "no token for liaison 1"
leader=$("$ROOT/stack" token leader) || fail "no token for leader"

marker="kiem-tra-$(date +%s)-$$"
body=$(cat <<JSON
{"commune":4,"topic":"T08","kind":"QUESTION","urgency":"NORMAL",
 "title":"Kiểm tra hệ thống: hướng dẫn thủ tục chứng thực tại Trung tâm phục vụ hành chính công $marker",
 "description":"Phường Ba Đình đề nghị Bộ Nội vụ hướng dẫn thẩm quyền chứng thực bản sao sau sắp xếp đơn vị hành chính. ($marker)",
 "contact":{"name":"Nguyễn Thị Kiểm Tra","phone":"0912345678","email":"kiemtra@baodinh.hanoi.gov.vn"}}
JSON
)
response=$(curl -sS -o /tmp/stack-check.$$ -w '%{http_code}' -X POST "$INTAKE/api/v1/cases" \
  -H "Authorization: Bearer $commune" -H 'Content-Type: application/json' -H "Idempotency-Key: $marker" \
  --data-binary "$body") || fail "intake-service did not answer at $INTAKE"
created=$(cat /tmp/stack-check.$$); rm -f /tmp/stack-check.$$
[ "$response" = 201 ] || fail "submit answered HTTP $response: $created"
id=$(printf '%s' "$created" | grep -o '"id" *: *"[0-9a-f-]\{36\}"' | head -n1 | grep -o '[0-9a-f-]\{36\}')
code=$(printf '%s' "$created" | grep -o 'PAKN-[0-9]\{4\}-[0-9]\{6\}' | head -n1)
[ -n "$id" ] && [ -n "$code" ] || fail "submit answered 201 without an id and a code: $created"
say "submitted $code ($id) as commune-4"

deadline=$(( $(date +%s) + WAIT ))
until [ "$(curl -s -o /tmp/stack-check.$$ -w '%{http_code}' -H "Authorization: Bearer $liaison" "$TRIAGE/api/v1/cases/$id")" = 200 ] \
    && grep -q '"status" *: *"ROUTED"' /tmp/stack-check.$$; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "$code was not routed to Hà Nội's liaison within ${WAIT}s: $(cat /tmp/stack-check.$$ 2>/dev/null)"
  sleep 0.5
done
rm -f /tmp/stack-check.$$
say "routed: liaison-1 (Hà Nội) sees $code in triage-service"

deadline=$(( $(date +%s) + WAIT ))
until curl -s -H "Authorization: Bearer $leader" "$SEARCH/api/v1/search?q=$marker" | grep -q "\"$id\""; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "$code was not searchable by a leader within ${WAIT}s"
  sleep 0.5
done
say "searchable: a leader finds $code in search-service"
told=""
if [ -d "$ROOT/notification-service" ]; then
  deadline=$(( $(date +%s) + WAIT ))
  mailed() { local out; out=$("$ROOT/stack" mail --to commune-4@pakn.local --last 200 2>/dev/null) || return 1; [[ "$out" == *"$code"* ]]; }
  until mailed; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "no e-mail about the routing of $code reached commune-4@pakn.local within ${WAIT}s (./stack mail; ./stack logs notification-service)"
    sleep 2
  done
  say "e-mailed: commune-4@pakn.local was told that $code was routed (./stack mail --to commune-4@pakn.local --body)"
  until curl -s -H "Authorization: Bearer $commune" "$NOTIFICATION/api/v1/inbox?size=100" | grep -q "\"caseId\" *: *\"$id\""; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "$code is not in commune-4's in-app inbox (notification-service) within ${WAIT}s"
    sleep 0.5
  done
  say "in the inbox: commune-4 sees $code in notification-service"
  told=", notified"
fi
echo "stack check: OK ($code submitted, routed, searchable$told in $(( $(date +%s) - t0 )) s)"
