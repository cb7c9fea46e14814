#!/usr/bin/env bash
# The base of the OCI image, built without a registry or a Docker daemon: a jlinked Java runtime plus
# the C libraries it links against, from Debian's packages. Jib adds it to a scratch image.
#   deploy/oci/build-rootfs.sh [OUT]   (default target/oci-rootfs; needs apt-get, dpkg-deb, jlink)
set -euo pipefail

out=${1:-target/oci-rootfs}
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jlink=$java_home/bin/jlink
# what Spring Boot, Tomcat, Camel and Sentry use; java.desktop is java.beans, not a GUI
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.management,jdk.net,jdk.unsupported,jdk.zipfs

[ -x "$jlink" ] || { echo "no jlink in $java_home (set JAVA_HOME to a JDK with jmods)" >&2; exit 2; }
[ -d "$java_home/jmods" ] || { echo "no jmods in $java_home (Debian: apt-get install openjdk-17-jmods)" >&2; exit 2; }

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

echo "rootfs: Java runtime ($modules)"
"$jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out/opt/java"
# Debian's JDK keeps its CA bundle outside the runtime: GitHub's TLS needs it inside
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
du -sh "$out"
