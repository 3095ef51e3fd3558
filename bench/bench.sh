#!/usr/bin/env bash
# The bench tools in one command (the shaded jar's own main is JMH's):
#   bench/bench.sh loadgen --to 127.0.0.1:2055 --protocol netflow9 --rate 1.2M --duration 10
#   bench/bench.sh e2e --rates 1.2M,2.4M
#   bench/bench.sh population --data-dir /tmp/pop --users 100k --addresses 1M
# Builds bench/target/benchmarks.jar first when it is missing. See bench/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/benchmarks.jar"
if [[ ! -f "$jar" ]]; then
  (cd "$here/.." && mvn -q -pl bench -am package -DskipTests)
fi
# Agrona 2 needs jdk.internal.misc (java -jar gets it from the manifest, -cp does not).
exec java --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -cp "$jar" \
  org.jet.bench.BenchMain "$@"
