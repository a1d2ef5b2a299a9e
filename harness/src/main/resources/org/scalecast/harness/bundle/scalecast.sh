#!/bin/sh
# scalecast from a bundle (issue 12): runs on the bundled Java runtime; no JDK, Maven or network.
# 'scalecast native build --torch DIR --djl-source DIR' builds DJL's JNI against the node's torch.
here=$(cd "$(dirname "$0")" && pwd)
cp=
while IFS= read -r jar; do cp="$cp${cp:+:}$here/lib/$jar"; done < "$here/lib/classpath.txt"
exec "$here/runtime/bin/java" ${SCALECAST_JAVA_OPTS:-} -Dscalecast.home="$here" -cp "$cp" \
  org.scalecast.harness.Main "$@"
