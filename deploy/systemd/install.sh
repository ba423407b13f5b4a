#!/usr/bin/env bash
# Installs the kiosk on Raspberry Pi OS (run as root on the Pi, from a clone of this repository):
#   sudo deploy/systemd/install.sh --site pkm-kokop --counters 3
# Safe to run again: it updates the program, keeps /etc/kiosk/appsettings.json and the ticket database.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."

site=""
counters=3
while [ $# -gt 0 ]; do
  case "$1" in
    --site) site=$2; shift 2 ;;
    --counters) counters=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$site" ] || { echo "usage: install.sh --site SITE_ID [--counters N]" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "run as root (sudo)" >&2; exit 1; }

apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mosquitto mosquitto-clients

case "$(uname -m)" in
  aarch64) rid=linux-arm64 ;;
  armv7l|armv6l) rid=linux-arm ;;
  *) rid=linux-x64 ;;
esac

id kiosk >/dev/null 2>&1 || useradd --system --home /var/lib/kiosk --shell /usr/sbin/nologin kiosk
for group in gpio input dialout lp; do
  getent group "$group" >/dev/null || groupadd --system "$group"
done

dotnet publish KioskDevice/KioskDevice.csproj -c Release -r "$rid" --self-contained true -p:PublishReadyToRun=true -o /opt/kiosk.new -nologo -v quiet
rm -rf /opt/kiosk.old
[ -d /opt/kiosk ] && mv /opt/kiosk /opt/kiosk.old
mv /opt/kiosk.new /opt/kiosk
cp README.md /opt/kiosk/

install -d -m 0750 -o root -g kiosk /etc/kiosk
if [ ! -f /etc/kiosk/appsettings.json ]; then
  install -m 0640 -o root -g kiosk KioskDevice/appsettings.json /etc/kiosk/appsettings.json
  echo "Edit /etc/kiosk/appsettings.json (site name, address, time zone, buttons, printer) before the first start."
fi

# Broker: role users and the site ACL. Passwords are generated once and kept in /etc/kiosk/broker-passwords (root only).
install -d -m 0755 /etc/mosquitto/conf.d
dotnet run --project Broker -c Release -- acl --site "$site" --counters "$counters" > /etc/mosquitto/kiosk.acl
if [ ! -f /etc/kiosk/broker-passwords ]; then
  : > /etc/kiosk/broker-passwords
  chmod 0600 /etc/kiosk/broker-passwords
  for user in kiosk display bridge $(seq -f 'counter-%g' 1 "$counters"); do
    echo "$user:$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')" >> /etc/kiosk/broker-passwords
  done
fi
cp /etc/kiosk/broker-passwords /etc/mosquitto/kiosk.passwd
mosquitto_passwd -U /etc/mosquitto/kiosk.passwd
chown mosquitto:mosquitto /etc/mosquitto/kiosk.passwd /etc/mosquitto/kiosk.acl
chmod 0600 /etc/mosquitto/kiosk.passwd
install -m 0644 Broker/mosquitto/site.conf /etc/mosquitto/conf.d/kiosk.conf
systemctl restart mosquitto

install -m 0644 deploy/systemd/kiosk.service /etc/systemd/system/kiosk.service
systemctl daemon-reload
systemctl enable kiosk.service
systemctl restart kiosk.service
echo "Installed. Check: systemctl status kiosk; journalctl -u kiosk -f; /opt/kiosk/Kiosk.Device doctor --config /etc/kiosk/appsettings.json"

# Screens host (loket pages and waiting-room display) beside the kiosk, with the voice clips made offline.
install_screens() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends espeak-ng
  dotnet publish Screens/Screens.csproj -c Release -r "$rid" --self-contained true -p:PublishReadyToRun=true -o /opt/kiosk-screens.new -nologo -v quiet
  rm -rf /opt/kiosk-screens.old
  [ -d /opt/kiosk-screens ] && mv /opt/kiosk-screens /opt/kiosk-screens.old
  mv /opt/kiosk-screens.new /opt/kiosk-screens
  /opt/kiosk-screens/voice/generate-clips.sh /opt/kiosk-screens/voice/clips
  install -d -m 0755 /etc/kiosk/suara
  if [ ! -f /etc/kiosk/screens.json ]; then
    local display_password
    display_password=$(sed -n 's/^display://p' /etc/kiosk/broker-passwords)
    printf '{ "Screens": { "SiteId": "%s", "DisplayPassword": "%s" } }\n' "$site" "$display_password" > /etc/kiosk/screens.json
    chown root:kiosk /etc/kiosk/screens.json
    chmod 0640 /etc/kiosk/screens.json
  fi
  install -m 0644 deploy/systemd/kiosk-screens.service /etc/systemd/system/kiosk-screens.service
  systemctl daemon-reload
  systemctl enable kiosk-screens.service
  systemctl restart kiosk-screens.service
  echo "Loket: http://$(hostname -I | awk '{print $1}'):8080/loket  Layar: http://$(hostname -I | awk '{print $1}'):8080/layar"
  echo "Kata sandi loket (berikan ke petugas loket masing-masing):"
  grep '^counter-' /etc/kiosk/broker-passwords | sed 's/^counter-/  loket /; s/:/: /'
}
install_screens
