#!/usr/bin/env bash
# JMH of the per-delivery work (verify, parse, normalise, render) on the fixtures.
#   bench/jmh.sh [JMH OPTIONS]   e.g. bench/jmh.sh -f 1 -wi 2 -i 3   (writes target/bench/jmh.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
./mvnw -q -B -ntp test-compile
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench/classpath.txt
java -cp "target/test-classes:target/classes:$(cat target/bench/classpath.txt)" org.openjdk.jmh.Main \
  DeliveryWorkBenchmark -rf text -rff target/bench/jmh.txt "$@"
