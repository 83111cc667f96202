#!/usr/bin/env bash
# A Docker engine for the e2e tests (test/e2e/), per .ci/services/README.md.
#
#   bash .ci/services/docker.sh start   # install, start dockerd, make the base images; KEY=VALUE lines on stdout
#   bash .ci/services/docker.sh stop    # stop dockerd and remove its temporary folder
#
# Debian's docker.io (dockerd 20.10, its embedded BuildKit does the builds) runs with the vfs storage
# driver, no bridge and no iptables, its socket, data, exec root and pidfile in a temporary folder.
# No registry is reachable, so the images the expanded Dockerfiles name are made here from Debian
# packages (debootstrap) and tagged with exactly those names:
#   golang:1.19-alpine, golang:1.19-bookworm, golang:1.19   a bookworm root with golang-1.19-go, gcc, libc6-dev,
#                                                            ca-certificates, and /usr/local/go/lib/time/zoneinfo.zip
#                                                            (a Debian root under the alpine name: only the tag is alpine)
#   gcr.io/distroless/static-debian12:nonroot               distroless-like: CA bundle, zoneinfo, /etc/passwd with
#                                                            nonroot 65532, /tmp, no shell, no libc
#   debian:bookworm-slim                                     debootstrap minbase, whose apt source is a local file
#                                                            repository holding ca-certificates and tzdata (and their
#                                                            dependencies), so `apt-get install` of those works offline
# The finished root tarballs are cached under /var/cache/gofile-e2e/ (keyed by this recipe), so a second start
# on the same machine only imports them. Progress goes to stderr; stdout carries only KEY=VALUE lines.
set -euo pipefail

CACHE=${GOFILE_E2E_CACHE:-/var/cache/gofile-e2e}
RECIPE=6 # bump when the images below change, so old caches are not used
MIRROR=${GOFILE_E2E_MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm
GO_PACKAGES="golang-1.19-go ca-certificates tzdata zip"
CC_PACKAGES="gcc libc6-dev" # the glibc golang images build with cgo; the alpine one has no C compiler
SLIM_PACKAGES="ca-certificates tzdata"
NOCC_TAG=golang:1.19-alpine
BUILDER_TAGS=(golang:1.19-bookworm golang:1.19)
DISTROLESS_TAG=gcr.io/distroless/static-debian12:nonroot
SLIM_TAG=debian:bookworm-slim
DOCKER=/usr/bin/docker # Debian's client, which matches the daemon (not a newer one that may be earlier in PATH)
POINTER_DIR=${TMPDIR:-/tmp}

log() { printf '[docker.sh %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

# The temporary folder of the engine started by our caller (.ci/run starts and stops from one shell), else the one
# GOFILE_E2E_DOCKER_HOST names (by hand: export what start printed), else the last one started on this machine.
# Several runs may share a machine: each .ci/run stops only its own engine.
pointer() { echo "$POINTER_DIR/gofile-e2e-docker.ppid-$PPID"; }
state_dir() {
  local p host=${GOFILE_E2E_DOCKER_HOST#unix://}
  if [ -f "$(pointer)" ] && [ -d "$(cat "$(pointer)")" ]; then cat "$(pointer)"; return 0; fi
  if [ -n "$host" ] && [ -S "$host" ]; then dirname "$host"; return 0; fi
  p="$POINTER_DIR/gofile-e2e-docker.last"
  if [ -f "$p" ] && [ -d "$(cat "$p")" ]; then cat "$p"; return 0; fi
  return 1
}

install_packages() {
  local missing=()
  command -v dockerd >/dev/null && [ -x "$DOCKER" ] || missing+=(docker.io)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v runc >/dev/null || missing+=(runc)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  as_root apt-get -o APT::Sandbox::User=root update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

start_dockerd() {
  local dir=$1
  mkdir -p "$dir/data" "$dir/exec"
  # setsid: out of our caller's process group, so a test runner's signals do not reach it; stop ends it.
  setsid dockerd \
    --host "unix://$dir/docker.sock" \
    --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/docker.pid" \
    --storage-driver vfs \
    --bridge=none --iptables=false --ip6tables=false --ip-masq=false --userland-proxy=false \
    --group "$(id -gn)" \
    --log-level warn \
    </dev/null >"$dir/dockerd.log" 2>&1 &
  echo $! >"$dir/dockerd.launcher-pid"
  local i
  for ((i = 0; i < 120; i++)); do
    if DOCKER_HOST="unix://$dir/docker.sock" "$DOCKER" info >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$(cat "$dir/dockerd.launcher-pid")" 2>/dev/null; then break; fi
    sleep 0.5
  done
  log "dockerd did not answer; the end of its log:"
  tail -n 30 "$dir/dockerd.log" >&2 || true
  return 1
}

# A debootstrap minbase root of bookworm, cached as a tarball (the slow, networked part).
minbase_tar() {
  local tar="$CACHE/minbase-$SUITE-r$RECIPE.tar"
  if [ ! -s "$tar" ]; then
    local root
    root=$(mktemp -d "$CACHE/root.XXXXXX")
    log "debootstrap --variant=minbase $SUITE (cold: a minute or two)"
    debootstrap --variant=minbase "$SUITE" "$root" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 \
      || { tail -n 20 "$CACHE/debootstrap.log" >&2; rm -rf "$root"; return 1; }
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*_*
    chmod 755 "$root" # mktemp made it 0700: as an image's /, no other user could reach anything
    tar -C "$root" --numeric-owner -cf "$tar.tmp" . && mv "$tar.tmp" "$tar"
    rm -rf "$root"
  fi
  echo "$tar"
}

# chroot with the host's resolver, and /proc and /dev for maintainer scripts.
in_root() {
  local root=$1; shift
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  mount -t proc proc "$root/proc"
  mount --bind /dev "$root/dev"
  local status=0
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive HOME=/root "$@" || status=$?
  umount "$root/dev" "$root/proc"
  return $status
}

# vfs copies the whole image for every build step: leave out what no build reads, then tar the root (apt lists
# and all). Go rebuilds the standard library into the build cache (it does so anyway for -trimpath builds).
builder_tar() {
  local root=$1 tar=$2
  in_root "$root" apt-get clean
  rm -rf "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/* "$root"/usr/share/info/* \
    "$root/usr/lib/go-1.19/pkg/linux_amd64" "$root/usr/share/go-1.19/test"
  find "$root/usr/share/go-1.19/src" -type d -name testdata -prune -exec rm -rf {} +
  : >"$root/etc/resolv.conf"
  chmod 755 "$root"
  tar -C "$root" --numeric-owner --exclude='./var/lib/apt/lists/*_*' -cf "$tar" .
}

# builder-nocc.tar, builder.tar, distroless.tar and slim.tar from the minbase root.
make_roots() {
  local out=$1 base=$2 root slim dl
  root=$(mktemp -d "$CACHE/root.XXXXXX")
  tar -C "$root" -xf "$base"
  in_root "$root" apt-get -o APT::Sandbox::User=root update -qq >&2
  # The slim image's local repository: exactly what installing its packages on minbase downloads.
  dl=$(mktemp -d "$CACHE/slimdebs.XXXXXX")
  mkdir -p "$root/tmp/slimdebs/partial"
  in_root "$root" apt-get -o APT::Sandbox::User=root install -y -qq --download-only --no-install-recommends \
    -o Dir::Cache::archives=/tmp/slimdebs $SLIM_PACKAGES >&2
  mv "$root"/tmp/slimdebs/*.deb "$dl"/
  rm -rf "$root/tmp/slimdebs"
  log "installing $GO_PACKAGES in the builder root"
  in_root "$root" apt-get install -y -qq --no-install-recommends $GO_PACKAGES >"$CACHE/builder-apt.log" 2>&1 \
    || { tail -n 20 "$CACHE/builder-apt.log" >&2; return 1; }
  # The golang images ship Go's own zone database (Debian's Go does not): made from tzdata, stored, no posix/ or right/.
  mkdir -p "$root/usr/local/go/lib/time" "$root/go/bin" "$root/go/src"
  chmod -R 777 "$root/go"
  in_root "$root" sh -c "cd /usr/share/zoneinfo && zip -q -0 -r -X /usr/local/go/lib/time/zoneinfo.zip . -x 'posix/*' 'right/*' '*.tab' leapseconds tzdata.zi leap-seconds.list posixrules localtime" \
    || { log "could not make zoneinfo.zip"; return 1; }
  ln -s /usr/lib/go-1.19/bin "$root/usr/local/go/bin"
  builder_tar "$root" "$out/builder-nocc.tar"
  log "installing $CC_PACKAGES in the builder root"
  in_root "$root" apt-get install -y -qq --no-install-recommends $CC_PACKAGES >>"$CACHE/builder-apt.log" 2>&1 \
    || { tail -n 20 "$CACHE/builder-apt.log" >&2; return 1; }
  builder_tar "$root" "$out/builder.tar"

  # distroless-like static: the CA bundle, zoneinfo, passwd/group with nonroot, /tmp, /home/nonroot; no shell, no libc.
  local d
  d=$(mktemp -d "$CACHE/distroless.XXXXXX")
  mkdir -p "$d/etc/ssl/certs" "$d/usr/share" "$d/tmp" "$d/home/nonroot" "$d/root"
  cp "$root/etc/ssl/certs/ca-certificates.crt" "$d/etc/ssl/certs/"
  cp -a "$root/usr/share/zoneinfo" "$d/usr/share/"
  rm -rf "$d/usr/share/zoneinfo/right" "$d/usr/share/zoneinfo/posix"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$d/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n' >"$d/etc/group"
  printf 'PRETTY_NAME="Distroless-like (gofile e2e)"\nID=debian\nVERSION_ID="12"\n' >"$d/etc/os-release"
  chmod 1777 "$d/tmp"; chmod 700 "$d/root"
  chown 65532:65532 "$d/home/nonroot"
  chmod 755 "$d"
  tar -C "$d" --numeric-owner -cf "$out/distroless.tar" .
  rm -rf "$d" "$root"

  # debian:bookworm-slim-like: minbase, with a flat local apt repository instead of the network mirror.
  slim=$(mktemp -d "$CACHE/root.XXXXXX")
  tar -C "$slim" -xf "$base"
  mkdir -p "$slim/var/lib/gofile-apt"
  mv "$dl"/*.deb "$slim/var/lib/gofile-apt/"
  rmdir "$dl"
  local deb
  for deb in "$slim"/var/lib/gofile-apt/*.deb; do
    dpkg-deb -f "$deb"
    printf 'Filename: ./%s\nSize: %s\nSHA256: %s\n\n' "$(basename "$deb")" "$(stat -c %s "$deb")" "$(sha256sum "$deb" | cut -d' ' -f1)"
  done >"$slim/var/lib/gofile-apt/Packages"
  rm -f "$slim/etc/apt/sources.list" "$slim"/etc/apt/sources.list.d/*
  echo 'deb [trusted=yes] file:/var/lib/gofile-apt ./' >"$slim/etc/apt/sources.list"
  : >"$slim/etc/resolv.conf"
  chmod 755 "$slim"
  tar -C "$slim" --numeric-owner -cf "$out/slim.tar" .
  rm -rf "$slim"
  [ -s "$out/builder-nocc.tar" ] && [ -s "$out/builder.tar" ] && [ -s "$out/distroless.tar" ] && [ -s "$out/slim.tar" ]
}

build_images() {
  local dir=$1 cache_dir="$CACHE/images-r$RECIPE"
  export DOCKER_HOST="unix://$dir/docker.sock"
  mkdir -p "$CACHE"
  if [ ! -s "$cache_dir/slim.tar" ]; then
    local base tmp
    base=$(minbase_tar)
    tmp=$(mktemp -d "$CACHE/images.XXXXXX")
    make_roots "$tmp" "$base" || { rm -rf "$tmp"; return 1; }
    rm -rf "$cache_dir"; mv "$tmp" "$cache_dir"
    # Older recipes' roots are of no more use.
    find "$CACHE" -maxdepth 1 \( -name 'images-r*' -o -name 'minbase-*-r*.tar' \) ! -name "images-r$RECIPE" ! -name "minbase-$SUITE-r$RECIPE.tar" -exec rm -rf {} +
  else
    log "using the cached roots in $cache_dir"
  fi
  log "docker import"
  local gopath=/go/bin:/usr/local/go/bin:/usr/lib/go-1.19/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  local goenv=(-c "ENV PATH=$gopath" -c 'ENV GOPATH=/go' -c 'ENV GOLANG_VERSION=1.19.8' -c 'WORKDIR /go' -c 'CMD ["bash"]')
  "$DOCKER" import "${goenv[@]}" "$cache_dir/builder.tar" "${BUILDER_TAGS[0]}" >/dev/null & local p1=$!
  "$DOCKER" import "${goenv[@]}" "$cache_dir/builder-nocc.tar" "$NOCC_TAG" >/dev/null & local p4=$!
  "$DOCKER" import \
    -c 'USER 65532' -c 'WORKDIR /home/nonroot' -c 'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "$cache_dir/distroless.tar" "$DISTROLESS_TAG" >/dev/null & local p2=$!
  "$DOCKER" import -c 'CMD ["bash"]' -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "$cache_dir/slim.tar" "$SLIM_TAG" >/dev/null & local p3=$!
  wait $p1 && wait $p2 && wait $p3 && wait $p4 || return 1
  local t
  for t in "${BUILDER_TAGS[@]:1}"; do "$DOCKER" tag "${BUILDER_TAGS[0]}" "$t"; done
}

cmd_start() {
  local t0=$SECONDS dir
  [ "$(id -u)" = 0 ] || die "needs root (dockerd, debootstrap, chroot)"
  install_packages || die "could not install docker.io and debootstrap"
  log "packages ready after $((SECONDS - t0))s"
  dir=$(mktemp -d "${TMPDIR:-/tmp}/gofile-e2e-docker.XXXXXX")
  echo "$dir" >"$(pointer)"
  echo "$dir" >"$POINTER_DIR/gofile-e2e-docker.last"
  start_dockerd "$dir" || { cmd_stop; die "dockerd did not come up"; }
  log "dockerd answers after $((SECONDS - t0))s"
  build_images "$dir" || { cmd_stop; die "could not make the base images"; }
  log "images ready after $((SECONDS - t0))s"
  echo "GOFILE_E2E_DOCKER_HOST=unix://$dir/docker.sock"
  echo "GOFILE_E2E_DOCKER=$DOCKER"
  echo "GOFILE_E2E_GO_IMAGE=$NOCC_TAG"
  local IFS=,; echo "GOFILE_E2E_IMAGES=$NOCC_TAG,${BUILDER_TAGS[*]},$DISTROLESS_TAG,$SLIM_TAG" # .ci/run sources these lines: no spaces
}

cmd_stop() {
  local dir pid i
  dir=$(state_dir) || { log "no engine to stop"; return 0; }
  for pidfile in "$dir/docker.pid" "$dir/dockerd.launcher-pid"; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid" 2>/dev/null || true
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 60 ]; do sleep 0.5; i=$((i + 1)); done
    kill -0 "$pid" 2>/dev/null && { log "dockerd $pid ignores TERM; killing it"; kill -KILL "$pid" 2>/dev/null || true; }
  done
  log "dockerd stopped"
  # The containerd dockerd started for itself, should it outlive dockerd.
  pid=$(cat "$dir/exec/containerd/containerd.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; sleep 1; fi
  # Anything still mounted under the folder (network namespaces, a container's rootfs), deepest first.
  awk -v d="$dir" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  log "removing $dir"
  rm -rf "$dir"
  local p
  for p in "$POINTER_DIR"/gofile-e2e-docker.ppid-* "$POINTER_DIR/gofile-e2e-docker.last"; do
    [ -f "$p" ] && [ "$(cat "$p")" = "$dir" ] && rm -f "$p"
  done
  log "stopped; removed $dir"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
