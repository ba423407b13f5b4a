using System.Globalization;

namespace Kiosk.Simulator.Text;

public static partial class SimulatorTeks
{
    /// <summary>
    /// What the browser front panel shows its user, a trainer or technician who plays patient and officer: answers to
    /// the panel's switches, the activity list and the printer fault names.
    /// </summary>
    public static partial class Panel
    {
        public static string NoSuchButton(string buttonId) => $"Tombol '{buttonId}' tidak ada.";

        public const string ScanEmptyOrTooLong = "Isi pindaian kosong atau terlalu panjang.";

        /// <summary>The fault a "gagal-cetak" switch (panel or scenario) gives the next job.</summary>
        public const string CablePulled = "Kabel printer tercabut di tengah tiket (simulasi)";

        public const string NextTicketFails = "Tiket berikutnya gagal di tengah cetak";

        public static string UnknownPrinterState(string name) => $"Keadaan printer '{name}' tidak dikenal.";

        public static string PrinterNow(string label) => $"Printer: {label}";

        public const string PaperWidthsOnly = "Lebar kertas hanya 58 atau 80 mm.";

        public static string PaperChanged(int widthMm) => F($"Kertas {widthMm} mm (kiosk dimulai ulang)");

        public const string BrokerOn = "Broker dinyalakan";
        public const string BrokerOff = "Broker dimatikan";
        public const string PowerBack = "Listrik kiosk menyala kembali";
        public const string PowerCut = "Listrik kiosk padam";

        public const string ClockFormat = "Jam harus berbentuk JJ:MM, mis. 16:00.";

        public static string NoSuchCounter(int counter, int count) => F($"Loket {counter} tidak ada (1..{count}).");

        public static string UnknownCommand(string type) => $"Perintah '{type}' tidak dikenal.";

        public const string ScenarioStillRunning = "Satu skenario masih berjalan; tunggu sampai selesai.";

        public static string ScenarioRunning(string name) => $"Skenario {name} berjalan...";

        public static string ScenarioFailed(string name, string reason) => $"Skenario {name} gagal: {reason}";

        public static string ScenarioDone(string name) => $"Skenario {name} selesai";

        public const string NoScreensHost = "Host layar loket/display tidak tersedia di simulator ini.";

        public const string KioskPoweredOff = "Kiosk sedang mati (listrik padam). Nyalakan dulu.";

        public static string UnknownBrokerAction(string action) => $"Aksi broker '{action}' tidak dikenal.";

        public static string UnknownKioskAction(string action) => $"Aksi kiosk '{action}' tidak dikenal.";

        public const string KioskDidNotAnswer = "Kiosk tidak menjawab dalam 10 detik (broker atau kiosk mati?).";

        // Where an activity line came from, as the list names it.
        public const string FromPrinter = "printer";
        public const string FromBroker = "broker";
        public const string FromKiosk = "kiosk";
        public const string FromClock = "jam";
        public const string FromScenario = "skenario";
        public const string FromScanner = "pemindai";

        public static string FromCounter(int counter) => F($"loket {counter}");

        public static string FromButton(string label) => $"tombol {label}";

        // The printer fault switches as the panel shows them (PrinterStates keeps their names, "kertas-habis").
        public const string PrinterReady = "siap";
        public const string PaperNearEnd = "kertas tipis";
        public const string PaperOut = "kertas habis";
        public const string CoverOpen = "tutup terbuka";
        public const string CutterJammed = "pemotong kertas macet";
        public const string PrinterOff = "printer mati";
    }
}
