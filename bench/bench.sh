#!/usr/bin/env bash
# The bench tools in one command (the shaded jar's own main is JMH's):
#   bench/bench.sh loadgen --to 127.0.0.1:2055 --protocol netflow9 --rate 1.2M --duration 10
#   bench/bench.sh e2e --rates 1.2M,2.4M
#   bench/bench.sh population --data-dir /tmp/pop --users 100k --addresses 1M
#   bench/bench.sh quota-latency --samples 200 --background 300k
# Builds bench/target/benchmarks.jar first when it is missing. See bench/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/benchmarks.jar"
if [[ ! -f "$jar" ]]; then
  (cd "$here/.." && mvn -q -pl bench -am package -DskipTests)
fi
# The JVM flags Jet needs (Agrona's jdk.internal.misc, Chronicle Map's opens: quota-latency runs a daemon in this
# JVM), from their one place, the parent pom's jvm.flags.base.
jvm_flags="$(sed -n 's:.*<jvm.flags.base>\(.*\)</jvm.flags.base>.*:\1:p' "$here/../pom.xml")"
# shellcheck disable=SC2086
exec java $jvm_flags ${BENCH_JAVA_OPTS:-} -cp "$jar" org.jet.bench.BenchMain "$@"
