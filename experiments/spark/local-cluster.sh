#!/usr/bin/env bash
# local-cluster.sh: a Spark standalone cluster on this machine, from this module's classpath (no Spark distribution):
# a master on 127.0.0.1:7077 and WORKERS workers of CORES cores and MEMORY each, every JVM capped. For trying and
# timing --runner spark on one machine; StandaloneClusterSlowTest starts the same from Java.
#   experiments/spark/local-cluster.sh start [WORKERS=2] [CORES=1] [MEMORY=1500m]
#   experiments/spark/local-cluster.sh stop
# Build first (./slimnas builds it, or mvn -B install -DskipTests). Logs and pids: experiments/spark/target/local-cluster/.
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
DIR="$HERE/target/local-cluster"
CP_FILE="$HERE/target/classpath.txt"
PORT="${SPARK_MASTER_PORT:-7077}"

opts=(-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opts+=("--add-opens=java.base/$p=ALL-UNNAMED")
done

start() {
  local workers="${1:-2}" cores="${2:-1}" memory="${3:-1500m}"
  [[ -s "$CP_FILE" ]] || { echo "local-cluster: $CP_FILE is missing: build first (mvn -B install -DskipTests)" >&2; exit 2; }
  mkdir -p "$DIR/spark-home/jars"
  echo "stand-in SPARK_HOME: executors get the classpath from spark.executor.extraClassPath" > "$DIR/spark-home/RELEASE"
  local cp="$HERE/target/classes:$(<"$CP_FILE")"
  export SPARK_HOME="$DIR/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 GOMP_SPINCOUNT=1000
  nohup java -Xmx256m "${opts[@]}" -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" \
    --webui-port 0 > "$DIR/master.log" 2>&1 &
  echo $! > "$DIR/master.pid"
  for i in $(seq 1 "$workers"); do
    nohup java -Xmx256m "${opts[@]}" -cp "$cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores "$cores" \
      --memory "$memory" --work-dir "$DIR/work-$i" --webui-port 0 "spark://127.0.0.1:$PORT" > "$DIR/worker-$i.log" 2>&1 &
    echo $! > "$DIR/worker-$i.pid"
  done
  echo "spark://127.0.0.1:$PORT: a master and $workers workers of $cores core(s) and $memory (logs in $DIR)"
}

stop() {
  local f pid
  for f in "$DIR"/worker-*.pid "$DIR"/master.pid; do
    [[ -f "$f" ]] || continue
    pid="$(<"$f")"
    pkill -TERM -P "$pid" 2>/dev/null || true   # the worker's executors
    kill "$pid" 2>/dev/null || true
    rm -f "$f"
  done
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  *) echo "usage: $0 start [WORKERS] [CORES] [MEMORY] | stop" >&2; exit 2 ;;
esac
