#!/usr/bin/env bash
# Issue 12's GPU check in one command, on a GPU node with no Java and no network (see
# gpu/README.md). From the repository root:
#   bash gpu/run-on-node.sh              # on the GPU node: everything, at most 9 minutes
#   bash gpu/run-on-node.sh --cpu        # rehearsal here: CPU, repo launcher, CUDA-only steps skipped
#   bash gpu/run-on-node.sh --dry-run    # print the steps and their command lines, run nothing
#   bash gpu/run-on-node.sh --recheck    # on the GPU node, a later commit's check (about 5 minutes):
#                                        # build, doctor, smoke kill/resume, the same smoke sweep on the
#                                        # node's CPU for its losses beside the GPU's, bench, AdamW's
#                                        # per-parameter and flat kernels side by side; no packing
# Env: OUT (output folder; the device tool sets it), CARRY (default gpu/carry: the bundle
# scalecast-bundle.tar.xz, djl/ with DJL's native sources, data/ for gpu-quick; made by
# gpu/prepare-carry.sh), TORCH (default /opt/torch/.venv), BUDGET_S (default 540: 9 minutes),
# ONLY (comma-separated step names: the others are skipped, e.g. a second call that measures one
# thing: ONLY=unpack,native-build,optimizer-compare), OSPECS (optimizer-compare's shapes).
# Every step runs under a time limit and the script goes on past a failed one; $OUT gets at most
# 8 files (the device tool returns no more): summary.tsv, run-on-node.log, doctor.txt,
# bench-fp32.json, bench-tf32.json, outputs.tar.xz (run folders without weights, logs),
# peer-compare.txt and, with --recheck, smoke-compare.txt.
set -uo pipefail
T0=$SECONDS
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo" || exit 1
mode=gpu dry=0 recheck=0
for a in "$@"; do
  case $a in
    --cpu) mode=cpu ;;
    --dry-run) dry=1 ;;
    --recheck) recheck=1 ;;
    *) echo "usage: $0 [--cpu] [--dry-run] [--recheck]" >&2; exit 2 ;;
  esac
done
out=${OUT:-/tmp/scalecast-gpu-out}
carry=${CARRY:-$repo/gpu/carry}
torch=${TORCH:-/opt/torch/.venv}
budget=${BUDGET_S:-540}
reserve=25 # seconds kept for packing the outputs
work=$(mktemp -d "${TMPDIR:-/tmp}/scalecast-gpu.XXXXXX")
mkdir -p "$out"
summary=$out/summary.tsv
[ "$dry" = 1 ] || exec > >(tee -a "$out/run-on-node.log") 2>&1
printf 'step\trc\tseconds\tnote\n' > "$summary"

log() { echo "[+$((SECONDS - T0))s] $*"; }
left() { echo $((budget - reserve - (SECONDS - T0))); }
note() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$summary"; }

wanted() { [ -z "${ONLY:-}" ] || [[ ",$ONLY," == *",$1,"* ]]; }
# dry NAME TEXT: --dry-run's line for a step whose command is a shell function.
dry() { if wanted "$1"; then echo "step $1: $2"; else echo "step $1: skipped (not in ONLY)"; fi; }
# step NAME LIMIT_S CMD...: runs CMD under min(LIMIT_S, time left), records rc and seconds.
step() {
  local name=$1 limit=$2; shift 2
  if ! wanted "$name"; then
    [ "$dry" = 1 ] && echo "step $name: skipped (not in ONLY)"
    note "$name" skip 0 "not in ONLY"; return 0
  fi
  local l; l=$(left); [ "$l" -lt "$limit" ] && limit=$l
  if [ "$dry" = 1 ]; then echo "step $name (limit ${limit}s): $*"; return 0; fi
  if [ "$limit" -le 5 ]; then log "== $name: skipped, no time left"; note "$name" skip 0 "no time left"; return 1; fi
  log "== $name (limit ${limit}s): $*"
  local s=$SECONDS rc
  timeout -k 10 "$limit" "$@"; rc=$?
  log "== $name: rc=$rc in $((SECONDS - s))s"
  note "$name" "$rc" "$((SECONDS - s))" "$([ $rc = 124 ] && echo "timed out at ${limit}s")"
  return $rc
}
skip() { [ "$dry" = 1 ] && echo "step $1: skipped ($2)"; note "$1" skip 0 "$2"; }

if [ "$mode" = gpu ]; then
  dev=gpu:0
  # The bundle of 'scalecast bundle --out' (branch i12-native): scalecast/ with the launcher
  # scalecast/scalecast, a jlink runtime and the jars; no JDK needed.
  sc=$work/scalecast/scalecast
  step unpack 60 tar -C "$work" -xJf "$carry/scalecast-bundle.tar.xz"
  # DJL's JNI against the node's torch 2.11+cu130, recorded so that later commands load it
  # (i12-native's 'native build'; its flags as on that branch when this was written).
  step native-build 240 "$sc" native build --torch "$torch" --djl-source "$carry/djl" --flavor cuda
  expect=--expect-gpu
  sizes=d256-l4-h4,d1024-l8-h16 bctx=256 bbatch=32 bsteps=20 bwarm=10
else
  dev=cpu
  sc=$repo/scalecast # builds itself with Maven here
  skip unpack "cpu rehearsal: the repository's launcher"
  skip native-build "cpu rehearsal: stock CPU libtorch"
  step build 480 "$sc" --version # Maven builds the launcher's jars on first use
  expect=
  sizes=d64-l2-h2,d128-l2-h4 bctx=64 bbatch=8 bsteps=3 bwarm=2
fi
cache=$work/cache

# doctor: fails on the GPU node unless the engine sees a CUDA device.
step doctor 90 sh -c "'$sc' doctor $expect > '$out/doctor.txt' 2>&1"; cat "$out/doctor.txt" 2>/dev/null

# Smoke sweep, killed with SIGKILL once a run has records, then resumed to the end.
smoke_kill() {
  local runs=$work/smoke
  "$sc" sweep run configs/smoke.yaml --device "$dev" --out "$runs" --cache "$cache" &
  local pid=$! i
  for i in $(seq 1 1200); do
    [ "$(cat "$runs"/*/records.jsonl 2>/dev/null | wc -l)" -ge 2 ] && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
  done
  if kill -9 $pid 2>/dev/null; then echo "smoke: killed (SIGKILL) with $(cat "$runs"/*/records.jsonl | wc -l) records"
  else echo "smoke: finished before the kill"; fi
  wait $pid 2>/dev/null
  return 0
}
smoke_resume() {
  "$sc" sweep run configs/smoke.yaml --device "$dev" --out "$work/smoke" --cache "$cache" &&
    "$sc" sweep status "$work/smoke"
}
if [ "$dry" = 1 ]; then
  dry smoke-kill "sweep run configs/smoke.yaml --device $dev, SIGKILL after 2 records"
  dry smoke-resume "sweep run configs/smoke.yaml --device $dev (resumes), sweep status"
else
  step smoke-kill 120 bash -c "$(declare -f smoke_kill); work='$work' sc='$sc' dev=$dev cache='$cache' smoke_kill"
  step smoke-resume 120 bash -c "$(declare -f smoke_resume); work='$work' sc='$sc' dev=$dev cache='$cache' smoke_resume"
fi

# --recheck: the same smoke sweep on the node's CPU through the same JNI, and each run's final
# losses on both devices side by side (a later commit's GPU path against its CPU path).
smoke_compare() {
  "$sc" sweep run configs/smoke.yaml --device cpu --out "$work/smoke-cpu" --cache "$cache" >/dev/null || return 1
  for d in smoke smoke-cpu; do
    for f in "$work/$d"/*/records.jsonl; do
      printf '%s\t%s\t' "$d" "$(basename "$(dirname "$f")")"
      tail -n 1 "$f" | grep -o '"train_loss":[0-9.eE+-]*\|"mix":[0-9.eE+-]*\|"[a-z0-9_]*_acc":[0-9.eE+-]*' | tr '\n' ' '
      echo
    done
  done > "$out/smoke-compare.txt"
  cat "$out/smoke-compare.txt"
}
if [ "$recheck" = 1 ]; then
  if [ "$dry" = 1 ]; then
    dry smoke-cpu "sweep run configs/smoke.yaml --device cpu, final losses beside gpu:0's"
  else
    step smoke-cpu 120 bash -c "$(declare -f smoke_compare); work='$work' sc='$sc' cache='$cache' out='$out' smoke_compare"
  fi
fi

# bench: one GEMM peak per precision on this device, then MFU at two sizes against it.
for p in fp32 tf32; do
  step "bench-$p" 150 sh -c "'$sc' bench --json --device $dev --precision $p --sizes $sizes \
    --context-length $bctx --batch-size $bbatch --steps $bsteps --warmup $bwarm > '$out/bench-$p.json'"
done

# The JUnit tests tagged gpu (skipped by assumption without a GPU, so CI never runs them), through
# the same Java and the JNI that native build recorded: carry/tests holds JUnit's console launcher
# and the harness's test classes (gpu/prepare-carry.sh). On a GPU node a skipped test fails the step.
gpu_tests() {
  local native=${SCALECAST_NATIVE_DIR:-$HOME/.scalecast/native}/native.properties jopts= k v
  if [ -f "$native" ]; then # DJL reads PYTORCH_* from the environment first (NativeChoice)
    while IFS='=' read -r k v; do
      v=${v//\\:/:} # java.util.Properties writes ':' as '\:'
      case $k in PYTORCH_*|ENGINE_CACHE_DIR) export "$k=$v" ;; jna.library.path) jopts="-D$k=$v" ;; esac
    done < "$native"
  fi
  # A folder of classes, not a jar: scanning a jar needs jdk.zipfs, which the bundle's runtime lacks.
  "$java" $jopts -jar "$carry/tests/junit-platform-console-standalone.jar" execute --disable-banner \
    --details=tree --class-path "$cp:$carry/tests/classes" --scan-class-path "$carry/tests/classes" \
    --include-tag gpu > "$work/gpu-tests.txt" 2>&1
  local rc=$?
  cat "$work/gpu-tests.txt"
  [ "$rc" = 0 ] || return "$rc"
  [ "$mode" = cpu ] && return 0
  # Nothing skipped or aborted (an assumption, @Disabled, a class's @BeforeAll), and something ran.
  local k
  for k in 'tests skipped' 'tests aborted' 'containers skipped' 'containers aborted'; do
    grep -Eq "\[ +0 $k" "$work/gpu-tests.txt" || return 1
  done
  ! grep -Eq '\[ +0 tests successful' "$work/gpu-tests.txt"
}
if [ "$mode" = gpu ]; then
  java=$work/scalecast/runtime/bin/java cp=
  cpfile=$work/scalecast/lib/classpath.txt
else
  java=java cp=$repo/harness/target/scalecast-harness-0.1.0-SNAPSHOT.jar
  cpfile=$repo/harness/target/classpath.txt
fi
if [ ! -d "$carry/tests/classes" ]; then
  skip gpu-tests "no $carry/tests (gpu/prepare-carry.sh)"
elif [ "$dry" = 1 ]; then
  dry gpu-tests "JUnit console launcher, --include-tag gpu, a skipped test fails on a GPU node"
else
  if [ "$mode" = gpu ]; then
    while IFS= read -r jar; do cp="$cp${cp:+:}$work/scalecast/lib/$jar"; done < "$cpfile"
  else
    cp="$cp:$(cat "$cpfile")"
  fi
  step gpu-tests 120 bash -c "$(declare -f gpu_tests); java='$java' cp='$cp' carry='$carry' \
    work='$work' mode=$mode gpu_tests"
fi

# --recheck: AdamW's kernels side by side, per-parameter (fused) against the flat layout runs use
# (gathered on a GPU), alternating, two rounds per shape in fp32: tokens/s, the optimizer's share of
# a step and the device memory in use after the steps, into the log (the device tool returns at
# most 8 files). Shapes are dD-lL-hH:context:batch.
optimizer_compare() {
  set -o pipefail # a failing bench must fail the step
  local spec s t b k r
  for spec in ${ospecs//,/ }; do
    IFS=: read -r s t b <<< "$spec"
    for r in 1 2; do
      for k in fused flat; do
        printf 'optimizer %s\t%s T%s B%s\tround %s\t' "$k" "$s" "$t" "$b" "$r"
        "$sc" bench --json --device "$dev" --optimizer "$k" --sizes "$s" --context-length "$t" \
          --batch-size "$b" --steps "$bsteps" --warmup "$bwarm" --matmul-size 512 2>"$err" |
          "$py" -c 'import json, sys; r = json.load(sys.stdin)[0]
print("%s: %.0f tok/s\tshare_optimizer %.3f\tdevice_memory_mb %s" % (r["optimizer"],
      r["tokens_per_second"], r["share_optimizer"], r["device_memory_mb"]))' ||
          { cat "$err" >&2; return 1; }
      done
    done
  done
}
if [ "$recheck" = 1 ]; then
  if [ "$mode" = gpu ]; then
    ospecs=${OSPECS:-d256-l4-h4:256:32,d1024-l8-h16:256:32,d2048-l16-h16:128:1}
  else
    ospecs=${OSPECS:-d64-l2-h2:64:8}
  fi
  if [ "$dry" = 1 ]; then
    dry optimizer-compare "bench --optimizer fused, then flat, at $ospecs, two rounds"
  else
    opy=$([ "$mode" = gpu ] && echo "$torch/bin/python3" || echo python3)
    step optimizer-compare 150 bash -c "$(declare -f optimizer_compare); sc='$sc' dev=$dev \
      ospecs=$ospecs bsteps=$bsteps bwarm=$bwarm py='$opy' err='$work/optimizer-bench.err' \
      optimizer_compare"
  fi
fi

# scalecast bench beside the PyTorch peer (shared/peer/torch_gpt_bench.py in carry/peer, run on
# the device by gpu/peer-cuda.py) at the bench sizes, alternating, two rounds per shape and precision;
# a fifth field runs the peer with that attention (manual: unfused, as scalecast's).
peer_compare() {
  set -o pipefail # a failing bench must fail the step, not vanish into grep
  local spec p d l h a r flag
  for spec in ${pspecs//,/ }; do
    IFS=: read -r p d l h a <<< "$spec"
    flag=; [ "$p" = tf32 ] && flag=--tf32
    for r in 1 2; do
      echo "# $p, peer attention ${a:-sdpa}, round $r"
      "$py" gpu/peer-cuda.py "$carry/peer/torch_gpt_bench.py" --device "$pdev" $flag -- --d "$d" \
        --layers "$l" --heads "$h" --context "$bctx" --batch "$bbatch" --vocab 1024 \
        --steps "$bsteps" --attention "${a:-sdpa}" > "$work/peer.json" || return 1
      "$sc" bench --device "$dev" --precision "$p" --compare "$work/peer.json" --d-model "$d" \
        --n-layer "$l" --n-head "$h" --context-length "$bctx" --batch-size "$bbatch" \
        --vocab-size 1024 --steps "$bsteps" --warmup "$bwarm" 2>>"$work/peer-bench.err" |
        grep -v '^precision' || { cat "$work/peer-bench.err" >&2; return 1; }
    done
  done > "$out/peer-compare.txt"
  cat "$out/peer-compare.txt"
}
if [ "$mode" = gpu ]; then
  ppy=$torch/bin/python3 pdev=cuda pspecs=fp32:1024:8:16,tf32:1024:8:16,tf32:1024:8:16:manual,fp32:256:4:4
else
  ppy=${PEER_PYTHON:-python3} pdev=cpu pspecs=fp32:64:2:2,tf32:64:2:2:manual # PEER_PYTHON: a python with torch
fi
if [ ! -f "$carry/peer/torch_gpt_bench.py" ]; then
  skip peer-compare "no $carry/peer (gpu/prepare-carry.sh copies ../shared/peer)"
elif [ "$dry" = 1 ]; then
  dry peer-compare "$ppy gpu/peer-cuda.py --device $pdev, then bench --device $dev --compare"
else
  step peer-compare 240 bash -c "$(declare -f peer_compare); py='$ppy' pdev=$pdev carry='$carry' \
    work='$work' out='$out' sc='$sc' dev=$dev pspecs=$pspecs bctx=$bctx bbatch=$bbatch bsteps=$bsteps bwarm=$bwarm peer_compare"
fi

# Four runs packed on one GPU, then the same four one at a time, for the timing.
if [ "$recheck" = 1 ]; then
  skip pack-4 "recheck: measured on 2026-11-26 (docs/gpu/2026-11-26-h200)"
  skip pack-1 "recheck"
  skip gpu-quick "recheck"
elif [ "$mode" = gpu ]; then
  step pack-4 150 "$sc" sweep run configs/gpu-pack.yaml --device $dev --runs-per-gpu 4 \
    --out "$work/pack-4" --cache "$cache"
  step pack-1 150 "$sc" sweep run configs/gpu-pack.yaml --device $dev --runs-per-gpu 1 \
    --out "$work/pack-1" --cache "$cache"
  # gpu-quick with what time is left; it resumes, so a later call can finish it.
  step gpu-quick 480 "$sc" sweep run configs/gpu-quick.yaml --device $dev --runs-per-gpu 4 \
    --out "$work/gpu-quick" --cache "$cache"
else
  # --runs-per-gpu refuses the CPU; the same children mechanism runs as --jobs here.
  step pack-cpu-jobs 240 "$sc" sweep run configs/smoke.yaml --device cpu --jobs 2 --threads 1 \
    --out "$work/pack-cpu" --cache "$cache"
  skip pack-1 "cpu rehearsal"
  skip gpu-quick "cpu rehearsal: planned for an H100"
fi

[ "$dry" = 1 ] && { rm -rf "$work"; exit 0; }
# Outputs: everything but weights (state, checkpoints: 340 MB each for the target), in one archive.
log "packing outputs"
tar -C "$work" --exclude='state' --exclude='state.prev' --exclude='checkpoints' --exclude='*.params' \
  --exclude='cache' --exclude='scalecast' \
  -cJf "$out/outputs.tar.xz" . 2>&1 | tail -3
py=$(command -v python3 || echo "$torch/bin/python3")
for p in fp32 tf32; do
  "$py" - "$out/bench-$p.json" <<'EOF' 2>/dev/null
import json, sys
for r in json.load(open(sys.argv[1])):
    m = r["model"]
    print(f"{r['precision']}\td{m['d_model']}-l{m['n_layer']}\t{r['tokens_per_second']:.0f} tok/s"
          f"\tpeak {r['peak_flops']/1e12:.2f} TFLOP/s\tMFU {r['mfu']:.3f}\t{r['device']}")
EOF
done | tee -a "$summary"
log "total $((SECONDS - T0))s; summary $summary"
cat "$summary"
rm -rf "$work"
