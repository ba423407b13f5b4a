#!/usr/bin/env bash
# Makes the default voice clips of the waiting-room call, offline, with espeak-ng's Indonesian voice.
# usage: generate-clips.sh [output-folder]   (default: clips/ beside this script)
# Safe to run again: a clip is made only when missing or older than words.tsv or this script. The chime is a checked-in WAV.
# 165 words per minute: espeak-ng lengthens a word spoken alone (as at the end of a sentence), so at 145 the joined
# call "Nomor antrean, A dua belas, silakan menuju loket satu" took 4.9 s; at 165 it is about 4.4 s (goal <= 4.5 s).
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
while IFS=$'\t' read -r name text _phonemes; do
  case "$name" in ''|'#'*) continue ;; esac
  target="$out/$name.wav"
  if [ ! -s "$target" ] || [ "$here/words.tsv" -nt "$target" ] || [ "$here/generate-clips.sh" -nt "$target" ]; then
    espeak-ng -v id -s 165 -w "$target.tmp" "$text"
    mv "$target.tmp" "$target"
    made=$((made + 1))
  fi
done < "$here/words.tsv"
cp -f "$here/chime.wav" "$out/chime.wav"
echo "Rekaman suara: $made dibuat, semua ada di $out"
