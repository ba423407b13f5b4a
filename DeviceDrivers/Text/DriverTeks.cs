using System.Globalization;

namespace Kiosk.DeviceDrivers.Text;

/// <summary>
/// What the drivers say to a technician (GPIO chips and lines that are missing, busy or refused), in Bahasa Indonesia,
/// in one place. The technician fixes configuration or wiring from these lines; logs may stay English.
/// </summary>
public static partial class DriverTeks
{
    public static string GpioChipMissing(string path, IReadOnlyList<string> present) =>
        $"chip GPIO {path} tidak ada di mesin ini (chip yang ada: {(present.Count == 0 ? "tidak satu pun" : string.Join(", ", present))}); " +
        "tulis chip yang ada (Kiosk.Device doctor menampilkannya), atau Kiosk:Hardware:Kind=simulated bila kiosk ini tanpa tombol GPIO";

    public static string GpioChipUsedAlsoBy(int others) => F($"(chip ini juga dipakai {others} kunci lain)");

    public static string GpioChipLabelMissing(string label, IReadOnlyList<string> seen) =>
        $"tidak ada chip GPIO berlabel \"{label}\" (yang ada: {(seen.Count == 0 ? "tidak satu pun" : string.Join(", ", seen))}); tulis nama atau label yang ditampilkan Kiosk.Device doctor";

    public static string GpioChipUnreadable(string why) => $"tidak dapat dibaca: {why}";

    public static string GpioChipCannotOpen(string path, string why) => $"chip GPIO {path} tidak dapat dibuka: {why}";

    public static string GpioLineOutOfRange(uint offset, string path, string label, int lines) =>
        F($"jalur GPIO {offset} tidak ada di {path} ({label}), yang punya {lines} jalur (0..{lines - 1}); periksa nomor jalur pada konfigurasi");

    public static string GpioLineNameMissing(string line, string path, string label) =>
        $"tidak ada jalur GPIO bernama \"{line}\" di {path} ({label}); tulis nomor jalur atau nama yang ditampilkan Kiosk.Device doctor";

    public static string GpioNoDescriptor(string lines, string path) => $"kernel tidak memberi deskriptor untuk jalur {lines} di {path}";

    public static string GpioChipGone(string description) => $"{description}: chip GPIO hilang (kabel atau papan terlepas?)";

    public static string GpioClosed(string description) => $"{description} sudah ditutup";

    public static string GpioCallFailed(string what, string description, string why) => $"{what} pada {description} gagal: {why}";

    public const string GpioReadEvents = "membaca kejadian";
    public const string GpioPoll = "menunggu kejadian (poll)";

    public static string ButtonsInvalid(IEnumerable<string> problems) => "konfigurasi tombol salah: " + string.Join("; ", problems);

    public static string LampsInvalid(IEnumerable<string> problems) => "konfigurasi lampu salah: " + string.Join("; ", problems);

    /// <summary>
    /// The OS reason in words a technician can act on; the number (errno) stays, as "kode sistem N", so it can still be searched for.
    /// </summary>
    public static string Errno(int errno) => errno switch
    {
        2 => F($"tidak ada (kode sistem {errno})"),
        13 or 1 => F($"tidak ada izin; tambahkan pengguna kiosk ke grup gpio (kode sistem {errno})"),
        16 => F($"sedang dipakai proses lain (kode sistem {errno})"),
        19 or 6 => F($"perangkat tidak ada (kode sistem {errno})"),
        22 => F($"permintaan ditolak kernel (kode sistem {errno})"),
        25 => F($"bukan perangkat GPIO (kode sistem {errno})"),
        _ => F($"kesalahan sistem (kode sistem {errno})"),
    };

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
