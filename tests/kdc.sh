#!/usr/bin/env bash
# A private MIT Kerberos KDC on loopback, for the test suite and for trying the Kerberos commands by hand.
#
#   tests/kdc.sh start DIR [PORT]   creates DIR, a realm, principals and keytabs, starts krb5kdc, prints its facts
#   tests/kdc.sh stop DIR           stops the KDC started in DIR (by its pid) and waits for it to exit
#
# With KDC_OWNER_PID set (a test process), a watchdog stops the KDC and removes DIR once that process is gone,
# however it ended.
# Nothing outside DIR is read or written: KRB5_CONFIG and KRB5_KDC_PROFILE point into DIR, never /etc/krb5.conf.
# What DIR holds after start (all test material, passwords documented here on purpose):
#   krb5.conf          a client configuration for the realm (kdc = 127.0.0.1:PORT, TCP)
#   service.keytab     HTTP/localhost@REALM, its current key
#   stale.keytab       HTTP/localhost@REALM, the key it had before (one kvno lower): a "wrong keytab"
#   aes128.keytab      HTTP/localhost@REALM, its current aes128 key only: logs in, cannot open aes256 tickets
#   facts              shell assignments: realm, port, pid, principals and passwords
# Principals: alice@REALM (password alice-kdc-pass), svc/localhost@REALM (password svc-kdc-pass),
#             svc/special-salt@REALM (password salted-kdc-pass, random salt), HTTP/localhost@REALM (random key, in
#             the keytabs).
set -euo pipefail

realm=WSSCONSOLE.TEST
master=kdc-master-pass

usage() { echo "usage: $0 start DIR [PORT] | stop DIR" >&2; exit 2; }

free_port() {
  # A port no socket uses over TCP or UDP (the KDC takes both), below the kernel's ephemeral range: a port in that
  # range can become an outgoing connection's local port between this check and krb5kdc's bind, which then fails
  # with "Address already in use" (seen once in a full test run, with many connections open).
  local low
  low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  [ "$low" -gt 21024 ] || low=60000
  for _ in $(seq 1 200); do
    local p=$((20000 + RANDOM % (low - 20000)))
    if [ -z "$(ss -H -ntua "sport = :$p" 2>/dev/null)" ]; then echo "$p"; return; fi
  done
  echo "kdc.sh: no free port found" >&2; exit 1
}

start() {
  local dir=$1 port=${2:-}
  # Close every descriptor inherited beyond stdin, stdout and stderr: krb5kdc would hold them for as long as it
  # runs, and a caller reading a pipe to its end (a test harness running a CLI, say) would wait forever.
  for fd in $(ls /proc/$$/fd); do
    if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
  [ -n "$port" ] || port=$(free_port)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  chmod 700 "$dir"
  cat >"$dir/krb5.conf" <<EOF
[libdefaults]
    default_realm = $realm
    dns_lookup_kdc = false
    dns_lookup_realm = false
    dns_canonicalize_hostname = false
    rdns = false
    udp_preference_limit = 1
    default_ccache_name = FILE:$dir/ccache

[realms]
    $realm = {
        kdc = 127.0.0.1:$port
        admin_server = 127.0.0.1:$port
    }
EOF
  cat >"$dir/kdc.conf" <<EOF
[kdcdefaults]
    kdc_listen = 127.0.0.1:$port
    kdc_tcp_listen = 127.0.0.1:$port

[realms]
    $realm = {
        database_name = $dir/principal
        key_stash_file = $dir/stash
        acl_file = $dir/kadm5.acl
        supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
        max_life = 1h
    }

[logging]
    kdc = FILE:$dir/kdc.log
EOF
  : >"$dir/kadm5.acl"
  export KRB5_CONFIG="$dir/krb5.conf" KRB5_KDC_PROFILE="$dir/kdc.conf"
  kdb5_util create -s -r "$realm" -P "$master" >/dev/null 2>&1
  kadmin.local -r "$realm" -q "addprinc -pw alice-kdc-pass alice" >/dev/null 2>&1
  kadmin.local -r "$realm" -q "addprinc -pw svc-kdc-pass svc/localhost" >/dev/null 2>&1
  kadmin.local -r "$realm" -q "addprinc -randkey HTTP/localhost" >/dev/null 2>&1
  # A random ("special") salt, which no client can guess: only the KDC's etype-info tells it.
  kadmin.local -r "$realm" -q "addprinc -pw salted-kdc-pass -e aes256-cts-hmac-sha1-96:special,aes128-cts-hmac-sha1-96:onlyrealm svc/special-salt" >/dev/null 2>&1
  # ktadd gives the principal a new random key each time: the first keytab is stale once the second is written.
  kadmin.local -r "$realm" -q "ktadd -k $dir/stale.keytab HTTP/localhost" >/dev/null 2>&1
  kadmin.local -r "$realm" -q "ktadd -k $dir/service.keytab HTTP/localhost" >/dev/null 2>&1
  # The current key in aes128 alone: a keytab that logs in but cannot open the service's (aes256) tickets.
  printf 'rkt %s\ndelent 1\nwkt %s\nquit\n' "$dir/service.keytab" "$dir/aes128.keytab" | ktutil >/dev/null 2>&1
  chmod 600 "$dir"/*.keytab
  krb5kdc -P "$dir/kdc.pid" -r "$realm" </dev/null >/dev/null 2>&1
  local pid
  for _ in $(seq 1 100); do
    [ -s "$dir/kdc.pid" ] && break
    sleep 0.05
  done
  pid=$(cat "$dir/kdc.pid")
  # Ready when a real AS exchange succeeds.
  for _ in $(seq 1 100); do
    if echo alice-kdc-pass | kinit -c "FILE:$dir/probe-ccache" alice >/dev/null 2>&1; then break; fi
    sleep 0.05
  done
  rm -f "$dir/probe-ccache"
  if [ -n "${KDC_OWNER_PID:-}" ]; then
    ( while kill -0 "$KDC_OWNER_PID" 2>/dev/null; do sleep 1; done
      terminate "$pid"
      rm -rf "$dir" ) </dev/null >/dev/null 2>&1 &
  fi
  cat >"$dir/facts" <<EOF
realm=$realm
port=$port
pid=$pid
service_principal=HTTP/localhost@$realm
user_principal=alice@$realm
user_password=alice-kdc-pass
password_principal=svc/localhost@$realm
password_principal_password=svc-kdc-pass
salted_principal=svc/special-salt@$realm
salted_principal_password=salted-kdc-pass
EOF
  cat "$dir/facts"
}

# SIGTERM, wait up to five seconds, then SIGKILL: a KDC started with SIGTERM blocked (the signal mask of a
# multithreaded parent is inherited) would otherwise never go.
terminate() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.05
  done
  kill -9 "$pid" 2>/dev/null || true
}

stop() {
  local dir=$1
  [ -f "$dir/facts" ] || { echo "kdc.sh: no KDC started in $dir" >&2; exit 1; }
  # The pid is read once from facts: krb5kdc may already have removed its pid file.
  local pid
  pid=$(sed -n 's/^pid=//p' "$dir/facts")
  terminate "$pid"
}

case "${1:-}" in
  start) [ $# -ge 2 ] || usage; start "$2" "${3:-}" ;;
  stop) [ $# -eq 2 ] || usage; stop "$2" ;;
  *) usage ;;
esac
