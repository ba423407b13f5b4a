#!/usr/bin/env bash
# Builds the virtual Pi for the VM tests: a Debian bookworm amd64 root file system made with debootstrap, Debian's own
# kernel (linux-image-amd64) and initramfs, Mosquitto and the kiosk's run-time libraries preinstalled (the package's
# Depends, so installing the .deb needs no network), and SSH for the tests. The tests copy their guest fixtures (USB gadgets, printer) in at run time, so
# changing those does not rebuild the image.
#   build-image.sh CACHE_DIR   → CACHE_DIR/{disk.qcow2,vmlinuz,initrd.img,id_ed25519}
# The caller (VmImage.cs) keys CACHE_DIR by a hash of this folder and holds a lock while it runs.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
out=$1
mirror=${KIOSK_VM_MIRROR:-http://deb.debian.org/debian}
work="$out.build"
rm -rf "$work"
mkdir -p "$work"
root="$work/root"

packages=systemd-sysv,udev,kmod,linux-image-amd64,openssh-server,mosquitto,mosquitto-clients,sqlite3,tzdata,libicu72,libssl3,zlib1g,iproute2,ca-certificates,python3-minimal,procps

# A mirror hiccup is the one known cause of a failed debootstrap: try three times.
for attempt in 1 2 3; do
  if debootstrap --variant=minbase --include="$packages" bookworm "$root" "$mirror" > "$work/debootstrap.log" 2>&1; then
    break
  fi
  if [ "$attempt" -eq 3 ]; then
    tail -n 30 "$work/debootstrap.log" >&2
    exit 1
  fi
  echo "debootstrap failed (attempt $attempt), retrying" >&2
  rm -rf "$root"
  sleep 5
done

# Small initramfs: only what boots from a virtio disk.
cat > "$root/etc/initramfs-tools/conf.d/kiosk-vm.conf" <<'CONF'
MODULES=list
COMPRESS=gzip
CONF
printf '%s\n' virtio_pci virtio_blk ext4 > "$root/etc/initramfs-tools/modules"
chroot "$root" update-initramfs -u -k all > "$work/initramfs.log" 2>&1

echo kiosk-vm > "$root/etc/hostname"
echo '/dev/vda / ext4 rw,errors=remount-ro 0 1' > "$root/etc/fstab"
# A guest without a root password: the serial console logs in as root, SSH takes the test key only.
chroot "$root" passwd -d root > /dev/null
mkdir -p "$root/etc/systemd/system/serial-getty@ttyS0.service.d"
cat > "$root/etc/systemd/system/serial-getty@ttyS0.service.d/autologin.conf" <<'CONF'
[Service]
ExecStart=
ExecStart=-/sbin/agetty --autologin root --noclear --keep-baud 115200 %I vt220
CONF
# Slirp networking with a fixed address: no DHCP wait at boot.
cat > "$root/etc/systemd/network/10-vm.network" <<'CONF'
[Match]
Name=en* eth*
[Network]
Address=10.0.2.15/24
Gateway=10.0.2.2
CONF
chroot "$root" systemctl enable systemd-networkd > /dev/null 2>&1
ssh-keygen -q -t ed25519 -N '' -f "$work/id_ed25519"
install -d -m 0700 "$root/root/.ssh"
install -m 0600 "$work/id_ed25519.pub" "$root/root/.ssh/authorized_keys"
cat >> "$root/etc/ssh/sshd_config" <<'CONF'
PermitRootLogin prohibit-password
UseDNS no
CONF
# Services the tests do not need cost boot time under emulation.
for unit in apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer man-db.timer systemd-timesyncd.service; do
  chroot "$root" systemctl disable "$unit" > /dev/null 2>&1 || true
  chroot "$root" systemctl mask "$unit" > /dev/null 2>&1 || true
done
chroot "$root" apt-get clean

cp "$root"/boot/vmlinuz-* "$work/vmlinuz"
cp "$root"/boot/initrd.img-* "$work/initrd.img"
chmod 0644 "$work/vmlinuz" "$work/initrd.img"
truncate -s 3G "$work/disk.raw"
mkfs.ext4 -q -F -L kiosk-vm -d "$root" "$work/disk.raw"
qemu-img convert -O qcow2 "$work/disk.raw" "$work/disk.qcow2"
rm -f "$work/disk.raw"
rm -rf "$root"
mkdir -p "$out"
mv "$work/disk.qcow2" "$work/vmlinuz" "$work/initrd.img" "$work/id_ed25519" "$work/id_ed25519.pub" "$out/"
rm -rf "$work"
echo "image ready in $out"
