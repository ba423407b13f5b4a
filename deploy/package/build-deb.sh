#!/usr/bin/env bash
# Builds the Debian packages of the kiosk on any x64 Linux PC with the .NET SDK: no SDK is needed where they install.
#   deploy/package/build-deb.sh [--arch arm64|amd64]... [--package kiosk|district]... [--version V] [--output DIR]
# Default: both packages, both architectures (the district package only for amd64: it runs on the Dinkes servers),
# version 0.1.<commits>, into artifacts/packages/. Prints the path of every .deb made.
# Contents: /opt/kiosk (Kiosk.Device, Kiosk.Broker, Kiosk.DistrictLink and Kiosk.Bpjs, self-contained ReadyToRun), /opt/kiosk/screens
# (the loket and display host, when Screens/ exists), the systemd units, the voice clips (when their script exists),
# kiosk-setup, the sample configuration and the Mosquitto site configuration under /usr/share/puskesmas-kiosk.
set -euo pipefail
repo=$(readlink -f "$(dirname "$(readlink -f "$0")")/../..")
here="$repo/deploy/package"
cd "$repo"

archs=()
packages=()
version=""
output="$repo/artifacts/packages"
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) archs+=("$2"); shift 2 ;;
    --package) packages+=("$2"); shift 2 ;;
    --version) version=$2; shift 2 ;;
    --output) output=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ ${#archs[@]} -gt 0 ] || archs=(arm64 amd64)
[ ${#packages[@]} -gt 0 ] || packages=(kiosk district)
for package in "${packages[@]}"; do
  case "$package" in
    kiosk | district) ;;
    *) echo "unknown package $package (kiosk or district)" >&2; exit 2 ;;
  esac
done
wants() { [[ " ${packages[*]} " == *" $1 "* ]]; }
if [ -z "$version" ]; then
  version="0.1.$(git rev-list --count HEAD 2>/dev/null || echo 0)"
fi
mkdir -p "$output"
output=$(readlink -f "$output")

publish() { # project rid folder
  dotnet publish "$1" -c Release -r "$2" --self-contained true -p:PublishReadyToRun=true \
    -p:DebugType=none -p:GenerateDocumentationFile=false -p:SatelliteResourceLanguages=en -o "$3" -nologo -v quiet
}

build_kiosk() { # arch
  local arch=$1 rid=$2 stage deb size services script
  stage="$repo/artifacts/package-stage/$arch"
  rm -rf "$stage"
  mkdir -p "$stage/DEBIAN" "$stage/opt/kiosk" "$stage/lib/systemd/system" "$stage/usr/sbin" \
    "$stage/usr/share/puskesmas-kiosk/mosquitto" "$stage/usr/share/doc/puskesmas-kiosk"

  # The kiosk and the broker tool share one self-contained runtime in /opt/kiosk (kiosk-setup uses "Kiosk.Broker acl").
  publish KioskDevice/KioskDevice.csproj "$rid" "$stage/opt/kiosk"
  publish Broker/Broker.csproj "$rid" "$stage/opt/kiosk"
  cp README.md "$stage/opt/kiosk/README.md"
  install -m 0644 deploy/systemd/kiosk.service "$stage/lib/systemd/system/kiosk.service"

  # The district link shares the same runtime; its unit starts only once kiosk-setup --district wrote district.env,
  # so it is not in @SERVICES@ (which the package enables on every site).
  publish DistrictLink/DistrictLink.csproj "$rid" "$stage/opt/kiosk"
  install -m 0644 deploy/systemd/kiosk-district-link.service "$stage/lib/systemd/system/kiosk-district-link.service"

  # The BPJS bridge likewise: its unit starts only once kiosk-setup --bpjs wrote bpjs.env with BPJS's values.
  publish Bpjs/Bpjs.csproj "$rid" "$stage/opt/kiosk"
  install -m 0644 deploy/systemd/kiosk-bpjs.service "$stage/lib/systemd/system/kiosk-bpjs.service"

  # The loket/display host and its voice clips.
  publish Screens/Screens.csproj "$rid" "$stage/opt/kiosk/screens"
  # The broker plugin comes along through the project reference; Mosquitto loads the one in /opt/kiosk/mosquitto.
  rm -rf "$stage/opt/kiosk/screens/mosquitto"
  install -m 0644 deploy/systemd/kiosk-screens.service "$stage/lib/systemd/system/kiosk-screens.service"
  mkdir -p "$stage/usr/share/puskesmas-kiosk/voice"
  bash Screens/voice/generate-clips.sh "$stage/usr/share/puskesmas-kiosk/voice"

  install -m 0644 KioskDevice/appsettings.json "$stage/usr/share/puskesmas-kiosk/appsettings.json"
  install -m 0644 Broker/mosquitto/site.conf "$stage/usr/share/puskesmas-kiosk/mosquitto/site.conf"
  install -m 0755 "$here/kiosk-setup" "$stage/usr/sbin/kiosk-setup"
  printf 'Puskesmas queue kiosk. Source and licence: see /opt/kiosk/README.md\n' > "$stage/usr/share/doc/puskesmas-kiosk/copyright"

  for script in postinst prerm postrm config; do
    install -m 0755 "$here/debian/$script" "$stage/DEBIAN/$script"
  done
  install -m 0644 "$here/debian/templates" "$stage/DEBIAN/templates"
  size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
  services=kiosk.service
  [ -f "$stage/lib/systemd/system/kiosk-screens.service" ] && services="$services kiosk-screens.service"
  sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" "$here/debian/control" > "$stage/DEBIAN/control"
  sed -i "s/@SERVICES@/$services/" "$stage/DEBIAN/postinst" "$stage/DEBIAN/prerm" "$stage/DEBIAN/postrm"

  deb="$output/puskesmas-kiosk_${version}_${arch}.deb"
  dpkg-deb --root-owner-group -Zgzip -z6 --build "$stage" "$deb" > /dev/null
  rm -rf "$stage"
  echo "$deb"
}

# The district server's package: /opt/puskesmas-district (Kiosk.District, self-contained ReadyToRun), the service's and
# the NATS node's units, district-setup. Its Depends bring Debian's nats-server and postgresql.
build_district() { # arch rid
  local arch=$1 rid=$2 stage deb size script
  local share="$repo/deploy/district"
  if [ ! -f "$share/district-setup" ]; then
    echo "deploy/district/district-setup is missing: the district package needs it" >&2
    exit 1
  fi
  stage="$repo/artifacts/package-stage/district-$arch"
  rm -rf "$stage"
  mkdir -p "$stage/DEBIAN" "$stage/opt/puskesmas-district" "$stage/lib/systemd/system" "$stage/usr/sbin" \
    "$stage/usr/share/doc/puskesmas-district"
  publish District/District.csproj "$rid" "$stage/opt/puskesmas-district"
  # Kiosk.District references the broker project (for its loopback port picker); the Mosquitto plugin is not needed here.
  rm -rf "$stage/opt/puskesmas-district/mosquitto"
  cp README.md "$stage/opt/puskesmas-district/README.md"
  install -m 0644 "$share/puskesmas-district.service" "$stage/lib/systemd/system/puskesmas-district.service"
  install -m 0644 "$share/puskesmas-nats.service" "$stage/lib/systemd/system/puskesmas-nats.service"
  install -m 0755 "$share/district-setup" "$stage/usr/sbin/district-setup"
  printf 'Puskesmas queue kiosk, district tier. Source and licence: see /opt/puskesmas-district/README.md\n' \
    > "$stage/usr/share/doc/puskesmas-district/copyright"
  for script in postinst prerm postrm; do
    install -m 0755 "$here/district/$script" "$stage/DEBIAN/$script"
  done
  size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
  sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" "$here/district/control" > "$stage/DEBIAN/control"

  deb="$output/puskesmas-district_${version}_${arch}.deb"
  dpkg-deb --root-owner-group -Zgzip -z6 --build "$stage" "$deb" > /dev/null
  rm -rf "$stage"
  echo "$deb"
}

for arch in "${archs[@]}"; do
  case "$arch" in
    arm64) rid=linux-arm64 ;;
    amd64) rid=linux-x64 ;;
    *) echo "unsupported architecture $arch (arm64 or amd64)" >&2; exit 2 ;;
  esac
  if wants kiosk; then
    build_kiosk "$arch" "$rid"
  fi
  if wants district && [ "$arch" = amd64 ]; then
    build_district "$arch" "$rid"
  fi
done
