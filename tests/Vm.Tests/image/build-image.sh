#!/usr/bin/env bash
# Builds the virtual Pi for the VM tests: a Debian bookworm amd64 root file system made with debootstrap, Debian's own
# kernel (linux-image-amd64) and initramfs, Mosquitto and the kiosk's run-time libraries preinstalled (the package's
# Depends, so installing the .deb needs no network), nats-server and postgresql (the puskesmas-district package's
# Depends), and SSH for the tests. The tests copy their guest fixtures (USB gadgets, printer) in at run time, so
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

packages=systemd-sysv,udev,kmod,linux-image-amd64,openssh-server,mosquitto,mosquitto-clients,sqlite3,tzdata,libicu72,libssl3,zlib1g,iproute2,ca-certificates,python3-minimal,procps,nats-server,postgresql

# A mirror hiccup is the one known cause of a failed debootstrap: try three times.
for attempt in 1 2 3; do
  if debootstrap --variant=minbase --include="$packages" bookworm "$root" "$mirror" > "$work/debootstrap.log" 2>&1; then
    break
  fi
  if [ "$attempt" -eq 3 ]; then
    tail -n 30 "$work/debootstrap.log" >&2
    # 75 (EX_TEMPFAIL): the mirror failed, not the recipe; VmImage.cs reports it as a reason to skip.
    exit 75
  fi
  echo "debootstrap failed (attempt $attempt), retrying" >&2
  rm -rf "$root"
  sleep 5
done

# gpio-sim, the GPIO chip the tests press buttons on: Debian's kernel is built without it (CONFIG_GPIO_SIM and the
# CONFIG_IRQ_SIM it selects are both off), so it is built here out of tree for the image's own kernel, from the same
# kernel's linux-source, with irq_sim linked into the module. irq_sim calls irq_to_desc(), which the kernel does not
# export to modules; generic_handle_irq() does the same through an exported symbol. The toolchain is removed after.
# A failed build leaves the image without the module: the GPIO test then skips and says why (gpio-sim.log).
kver=$(basename "$(ls -d "$root"/lib/modules/*)")
mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2> /dev/null || true' EXIT
if chroot "$root" apt-get install -y -q --no-install-recommends "linux-headers-$kver" linux-source-6.1 make gcc libc6-dev > "$work/gpio-sim.log" 2>&1 \
  && mkdir -p "$root/usr/src/gpio-sim" \
  && tar -xJf "$root"/usr/src/linux-source-6.1.tar.xz -C "$work" --strip-components=1 --wildcards \
    '*/drivers/gpio/gpio-sim.c' '*/drivers/gpio/gpiolib.h' '*/kernel/irq/irq_sim.c' >> "$work/gpio-sim.log" 2>&1 \
  && cp "$work/drivers/gpio/gpio-sim.c" "$root/usr/src/gpio-sim/gpio-sim-main.c" \
  && cp "$work/drivers/gpio/gpiolib.h" "$work/kernel/irq/irq_sim.c" "$root/usr/src/gpio-sim/" \
  && sed -i 's/handle_simple_irq(irq_to_desc(irqnum));/generic_handle_irq(irqnum);/' "$root/usr/src/gpio-sim/irq_sim.c" \
  && printf 'obj-m := gpio-sim.o\ngpio-sim-y := gpio-sim-main.o irq_sim.o\n' > "$root/usr/src/gpio-sim/Kbuild" \
  && chroot "$root" make -C "/lib/modules/$kver/build" M=/usr/src/gpio-sim modules >> "$work/gpio-sim.log" 2>&1 \
  && ! grep -q 'undefined!' "$work/gpio-sim.log" \
  && install -D -m 0644 "$root/usr/src/gpio-sim/gpio-sim.ko" "$root/lib/modules/$kver/extra/gpio-sim.ko" \
  && chroot "$root" depmod "$kver"; then
  echo "gpio-sim built for $kver" >> "$work/gpio-sim.log"
else
  echo "gpio-sim could not be built for $kver (see gpio-sim.log in the image folder)" >&2
fi
rm -rf "$root/usr/src/gpio-sim" "$work/drivers" "$work/kernel"
chroot "$root" apt-get purge -y -q --auto-remove "linux-headers-$kver" linux-source-6.1 make gcc libc6-dev >> "$work/gpio-sim.log" 2>&1 || true
umount "$root/proc"
trap - EXIT

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
mv "$work/disk.qcow2" "$work/vmlinuz" "$work/initrd.img" "$work/id_ed25519" "$work/id_ed25519.pub" "$work/gpio-sim.log" "$out/"
rm -rf "$work"
echo "image ready in $out"
