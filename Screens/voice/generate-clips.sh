#!/usr/bin/env bash
# Makes the default voice clips of the waiting-room call, offline, with espeak-ng's Indonesian voice.
# usage: generate-clips.sh [output-folder]   (default: clips/ beside this script)
# Safe to run again: a clip is made only when missing or older than words.tsv. The chime is a checked-in WAV.
# A Puskesmas replaces any clip with its own recording by putting NAME.wav into /etc/kiosk/suara (see README).
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
out="${1:-$here/clips}"
if ! command -v espeak-ng >/dev/null 2>&1; then
  echo "espeak-ng tidak terpasang: sudo apt-get install espeak-ng" >&2
  exit 1
fi
mkdir -p "$out"
made=0
while IFS=$'\t' read -r name text; do
  case "$name" in ''|'#'*) continue ;; esac
  target="$out/$name.wav"
  if [ ! -s "$target" ] || [ "$here/words.tsv" -nt "$target" ]; then
    espeak-ng -v id -s 145 -w "$target.tmp" "$text"
    mv "$target.tmp" "$target"
    made=$((made + 1))
  fi
done < "$here/words.tsv"
cp -f "$here/chime.wav" "$out/chime.wav"
echo "Rekaman suara: $made dibuat, semua ada di $out"
