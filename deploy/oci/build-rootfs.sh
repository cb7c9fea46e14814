#!/usr/bin/env bash
# The OCI image's file tree, built without a registry or a Docker daemon: a jlinked Java 25 runtime, the C
# libraries it links against (Debian's packages), and the bridge laid out as deploy/ lays it out
# (deploy/prepare-start.sh: extracted jars and an AOT cache trained by this runtime). Jib makes the image of it.
#   deploy/oci/build-rootfs.sh OUT JAR   (needs apt-get, dpkg-deb and a JDK 25 or later: IMAGE_JAVA_HOME, else
#   JAVA_HOME, else the java on the PATH)
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: deploy/oci/build-rootfs.sh OUT JAR" >&2
  exit 2
fi
out=$1 jar=$2
here=$(cd "$(dirname "$0")" && pwd)
java_home=${IMAGE_JAVA_HOME:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}
jlink=$java_home/bin/jlink
# what Spring Boot, Tomcat, Camel and Sentry use; java.desktop is java.beans, not a GUI
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.management,jdk.net,jdk.unsupported,jdk.zipfs
# what Jib gives every file in the image: the AOT cache only serves files with the times it was trained on
image_file_time=@1

[ -f "$jar" ] || { echo "no jar at $jar (./mvnw package first)" >&2; exit 2; }
[ -x "$jlink" ] || { echo "no jlink in $java_home (set IMAGE_JAVA_HOME to a JDK 25)" >&2; exit 2; }
version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release")
[ "${version:-0}" -ge 25 ] || { echo "$java_home is Java ${version:-unknown}; the image runs Java 25 (set IMAGE_JAVA_HOME to a JDK 25)" >&2; exit 2; }

rm -rf "$out"
mkdir -p "$out"
debs=$(mktemp -d)
trap 'rm -rf "$debs"' EXIT

echo "rootfs: C libraries from Debian's packages"
(cd "$debs" && apt-get download -qq -o APT::Sandbox::User=root libc6 libgcc-s1 libstdc++6 zlib1g)
for deb in "$debs"/*.deb; do
  dpkg-deb -x "$deb" "$out"
done
# only the shared libraries are needed, not documentation or locales
rm -rf "${out:?}/usr/share" "${out:?}/usr/lib/x86_64-linux-gnu/gconv" "${out:?}/usr/bin" "${out:?}/usr/sbin" \
  "${out:?}/sbin" "${out:?}/bin" "${out:?}/etc"

echo "rootfs: Java $version runtime ($modules)"
# from the JDK's jmods, or from its own run-time image where it has none (JEP 493, as Temurin 25 ships)
"$jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=zip-6 --output "$out/opt/java"
# Debian's JDKs keep their CA bundle outside the runtime: GitHub's TLS needs it inside
cacerts=$(readlink -f "$java_home/lib/security/cacerts")
[ -s "$cacerts" ] && cp "$cacerts" "$out/opt/java/lib/security/cacerts"

# absolute links would point into the build host once copied: make them relative to the rootfs
find "$out" -type l | while read -r link; do
  target=$(readlink "$link")
  case "$target" in /*) ln -sfr "$out$target" "$link" ;; esac
done

mkdir -p "$out/tmp" "$out/data" "$out/etc" "$out/proc"
chmod 1777 "$out/tmp"
echo "sentry-github-bridge:x:65532:65532::/tmp:/sbin/nologin" > "$out/etc/passwd"
echo "sentry-github-bridge:x:65532:" > "$out/etc/group"
find "$out/opt/java" -type f -exec touch -d "$image_file_time" {} +

echo "rootfs: the bridge at /opt/sentry-github-bridge, with the AOT cache of a training start by the image's runtime"
PREPARE_START_FILE_TIME=$image_file_time "$here/../prepare-start.sh" "$jar" "$out/opt/sentry-github-bridge" "$out/opt/java/bin/java"
du -sh "$out"
