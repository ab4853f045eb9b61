#!/bin/sh
# Fuzzes one parser or engine entry point with libFuzzer under AddressSanitizer, outside the package build:
#   tests/fuzz/run.sh TARGET [SECONDS]     TARGET: jks p12 pem cert privkey krb5 jaas keytab krb5profile toml userstore xml c14n save base64 policy wss
#   FUZZ_LEAKS=1 tests/fuzz/run.sh TARGET 0   runs the corpus once with leak detection instead
# Everything (a copy of the package with the harness as one more target, its build, seeds, corpus, crash-* files) is
# kept in $FUZZ_DIR, /tmp/wssconsole-fuzz by default; a crash reproduces with the printed binary and the crash file.
set -eu
target=${1:?usage: tests/fuzz/run.sh TARGET [SECONDS]}
seconds=${2:-300}
repo=$(cd "$(dirname "$0")/../.." && pwd)
dir=${FUZZ_DIR:-/tmp/wssconsole-fuzz}
mkdir -p "$dir/src/Fuzz"
# tar keeps modification times, so a rebuild compiles only what changed.
(cd "$repo" && tar -cf - Package.swift Package.resolved Sources Tests conf keystores) | (cd "$dir/src" && tar -xf -)
cp "$repo/tests/fuzz/Fuzz.swift" "$dir/src/Fuzz/"
cat >> "$dir/src/Package.swift" <<'SWIFT'
package.targets.append(.executableTarget(name: "FuzzHarness", dependencies: ["KeyMaterial", "KerberosConfig", "ServerHome", "SecureXML", "UserStores", "WSSecurity", "CShims"],
                                         path: "Fuzz", swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
package.products.append(.executable(name: "fuzzharness", targets: ["FuzzHarness"]))
SWIFT
# Two --sanitize flags reach swiftc as two -sanitize= options, of which it keeps the last: coverage needs them in one.
swift build --package-path "$dir/src" --scratch-path "$dir/build" --product fuzzharness \
    --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address > "$dir/build.log" 2>&1 || { grep error: "$dir/build.log"; exit 1; }
bin="$dir/build/debug/fuzzharness"
# Swift's backtracer never returns after a crash under libFuzzer.
export SWIFT_BACKTRACE=enable=no FUZZ_HOME="$dir/src" FUZZ_SCRATCH="$dir/scratch"
if [ ! -d "$dir/seeds" ]; then
    FUZZ_TARGET=seeds FUZZ_SEEDS="$dir/seeds" ASAN_OPTIONS=detect_leaks=0 "$bin"
    if command -v ktutil >/dev/null; then
        mkdir -p "$dir/seeds/keytab"
        printf 'addent -password -p HTTP/localhost@EXAMPLE.COM -k 2 -e aes256-cts-hmac-sha1-96\nchangeit\nwkt %s\nquit\n' "$dir/seeds/keytab/one" | ktutil >/dev/null
    fi
fi
mkdir -p "$dir/corpus/$target" "$dir/seeds/$target"
cat > "$dir/lsan.supp" <<'SUPP'
# Lazily made globals, and values memoized on long-lived objects: Swift keeps enum tags in pointer bits, so LeakSanitizer
# does not see them referenced.
leak:once_slow
leak:11CertificateC10remembered
leak:19BinarySecurityTokenO4read
# OpenSSL 3.0: 16 bytes per failed read of an encrypted PEM key, inside libcrypto.
leak:UI_UTIL_wrap_read_pem_callback
SUPP
if [ "${FUZZ_LEAKS:-0}" = 1 ]; then
    export ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 LSAN_OPTIONS=suppressions="$dir/lsan.supp"
    set -- -runs=0
else
    export ASAN_OPTIONS=detect_leaks=0:malloc_context_size=4
    set -- -max_total_time="$seconds"
fi
echo "FUZZ_TARGET=$target $bin $* -rss_limit_mb=2048 -timeout=10 -max_len=8192 $dir/corpus/$target $dir/seeds/$target"
FUZZ_TARGET=$target timeout $((seconds + 600)) "$bin" "$@" -rss_limit_mb=2048 -timeout=10 -max_len=8192 -print_final_stats=1 \
    -artifact_prefix="$dir/crash-$target-" "$dir/corpus/$target" "$dir/seeds/$target"
