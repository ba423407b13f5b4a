namespace Kiosk.DeviceDrivers.Text;

public static partial class DriverTeks
{
    /// <summary>
    /// The button and lamp checks, for the technician. The shapes are those of Kiosk.Contract.Text.SettingTeks
    /// ("{key}: harus {rule}, tertulis {value}"); the drivers do not reference the contract, so the two shapes they use
    /// are spelled here once more.
    /// </summary>
    public static class Teknisi
    {
        public const string NoButtons = "belum ada tombol yang dikonfigurasi";
        public const string ButtonWithoutIdName = "(tombol tanpa Id)";
        public const string ButtonWithoutId = "ada tombol tanpa Id";
        public const string LampWithoutId = "ada lampu tanpa Id";

        public static string ButtonIdTwice(string id, int times) => F($"Id tombol \"{id}\" dipakai {times} kali");

        public static string WiringRequired(string name) => $"{name}: Chip dan Line wajib diisi";

        public static string MustBe(string name, string key, string rule, long written) => F($"{name}: {key} harus {rule}, tertulis {written}");

        public const string LongPressRule = "0 (mati) atau lebih lama dari DebounceMs";
        public const string StuckAfterRule = "minimal 1 dan lebih lama dari LongPressMs";

        // The doctor's device inventory (DeviceInventoryReport).
        public const string GpioChipsTitle = "Chip GPIO:";
        public const string NoGpioChips = "  tidak ditemukan (tidak ada /dev/gpiochip*)";
        public const string InputDevicesTitle = "Perangkat input:";
        public const string NoInputDevices = "  tidak ditemukan (tidak ada /dev/input/event*)";
        public const string SerialPortsTitle = "Port serial:";
        public const string NoneFound = "  tidak ada";
        public const string ProblemsTitle = "Masalah:";
        public const string ReaderMark = "pembaca?";
        public const string KeyboardKeys = " tombol-kunci";
        public const string NoUart = " tanpa UART di belakangnya";

        public static string ChipUnreadable(string path, string? error) => $"  {path}: tidak dapat dibaca: {error}";

        public static string Chip(string path, string name, string label, int lines) => F($"  {path}: {name} \"{label}\", {lines} jalur");

        public static string LinesIncomplete(string? error) => $"    (daftar jalur tidak lengkap: {error})";

        public static string Via(IEnumerable<string> paths) => " lewat " + string.Join(", ", paths);

        public static string BuzzerUnknown(string id) => $"buzzer \"{id}\" bukan salah satu keluaran yang dikonfigurasi";
    }
}
