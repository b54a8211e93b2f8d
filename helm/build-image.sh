#!/usr/bin/env bash
# Builds the OCI image of the Steward server with Jib, without a Docker daemon and without pulling a base image:
# the base is `scratch`, and the runtime comes from parts the build already reaches:
#   - a Java runtime made by jlink from the build's own JDK (bin/lib/jdk.sh; the JDK >= 21 the server is built with),
#   - glibc from Debian's libc6 package (apt-get download; all the JVM's native code links against),
#   - /etc/passwd and /etc/group naming the unprivileged user 65532 the image runs as.
# Jib adds the server's dependencies, resources and classes as layers of their own, so a new build of Steward
# changes only the top layers. The result is a tarball (jib:buildTar):
#
#   helm/build-image.sh [image name, default steward:<project version>]    -> server/target/steward-image.tar
#
# Push it with any OCI registry client, for example `crane push server/target/steward-image.tar REGISTRY/steward:TAG`
# or `skopeo copy docker-archive:server/target/steward-image.tar docker://REGISTRY/steward:TAG`, or build straight
# into a registry with Jib's own goal: JIB_GOAL=build helm/build-image.sh REGISTRY/steward:TAG (credentials from
# ~/.docker/config.json or -Djib.to.auth.username/-Djib.to.auth.password in MAVEN_ARGS).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. bin/lib/jdk.sh

JIB_VERSION=3.4.6
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n1)
image=${1:-steward:${version}}
goal=${JIB_GOAL:-buildTar}
stage="$ROOT/server/target/image-root"
debs="$ROOT/.cache/image-debs"

rm -rf "$stage"
mkdir -p "$stage/etc" "$stage/tmp" "$stage/var/lib/steward" "$debs"

# glibc: the Debian package of this machine's release and architecture, cached
if ! ls "$debs"/libc6_*.deb > /dev/null 2>&1; then
  (cd "$debs" && { apt-get download libc6 2> /dev/null || { apt-get update -qq && apt-get download libc6; }; })
fi
dpkg-deb -x "$(ls "$debs"/libc6_*.deb | head -n1)" "$stage/libc"
# only the shared objects and the dynamic loader; Jib copies what symbolic links point at
mkdir -p "$stage/lib/x86_64-linux-gnu" "$stage/lib64"
cp -L "$stage"/libc/lib/x86_64-linux-gnu/*.so* "$stage/lib/x86_64-linux-gnu/" 2> /dev/null \
  || cp -L "$stage"/libc/usr/lib/x86_64-linux-gnu/*.so* "$stage/lib/x86_64-linux-gnu/"
cp -L "$stage/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" "$stage/lib64/"
rm -rf "$stage/libc"

# the Java runtime: the modules Spring Boot, JGit, the JDBC drivers and the JDK's HTTP client use
"$JAVA_HOME/bin/jlink" --output "$stage/opt/java" --strip-debug --no-man-pages --no-header-files \
  --add-modules java.se,jdk.unsupported,jdk.management,jdk.management.agent,jdk.crypto.cryptoki,jdk.naming.dns,jdk.zipfs,jdk.httpserver,jdk.jfr,jdk.net

# the unprivileged user; its home is the data volume, so JGit's user configuration lands somewhere writable
printf 'root:x:0:0:root:/root:/sbin/nologin\nsteward:x:65532:65532:Steward:/var/lib/steward:/sbin/nologin\n' > "$stage/etc/passwd"
printf 'root:x:0:\nsteward:x:65532:\n' > "$stage/etc/group"

# shellcheck disable=SC2086 # MAVEN_ARGS holds several arguments
./mvnw -B -ntp -q -pl server -am -DskipTests ${MAVEN_ARGS:-} package \
  "com.google.cloud.tools:jib-maven-plugin:${JIB_VERSION}:${goal}" \
  -Djib.containerize=dev.steward:steward-server \
  -Djib.from.image=scratch \
  -Djib.to.image="$image" \
  -Djib.outputPaths.tar="$ROOT/server/target/steward-image.tar" \
  -Djib.extraDirectories.paths="$stage" \
  -Djib.extraDirectories.permissions='/opt/java/bin/*=755,/opt/java/lib/jspawnhelper=755,/lib64/*=755,/lib/x86_64-linux-gnu/*=755,/tmp=777,/var/lib/steward=755' \
  -Djib.container.user=65532:65532 \
  -Djib.container.workingDirectory=/var/lib/steward \
  -Djib.container.environment=PATH=/opt/java/bin,JAVA_HOME=/opt/java,STEWARD_DATA_DIR=/var/lib/steward \
  -Djib.container.args=server \
  -Djib.container.ports=8080 \
  -Djib.container.volumes=/var/lib/steward,/tmp \
  -Djib.container.labels=org.opencontainers.image.title=steward,org.opencontainers.image.version="$version" \
  -Djib.container.format=OCI \
  -Djib.container.creationTime=USE_CURRENT_TIMESTAMP

if [ "$goal" = buildTar ]; then
  echo "Built $image: $ROOT/server/target/steward-image.tar ($(du -h "$ROOT/server/target/steward-image.tar" | cut -f1))"
fi
