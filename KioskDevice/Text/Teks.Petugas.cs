namespace Kiosk.Device.Text;

public static partial class Teks
{
    /// <summary>What the officer at a loket reads about the kiosk (the status topic's sentence, command replies).</summary>
    public static partial class Petugas
    {
        /// <summary>The status sentence after a failed job: the cause in Bahasa Indonesia, never the transport's detail.</summary>
        public static string PrinterFailed(string cause) => $"Printer bermasalah: {cause}; mohon periksa printer";

        public const string KioskOffline = "Kiosk tidak terhubung";

        // A command refused because the loket PC's clock and the kiosk's disagree (Commands/CommandClock).
        public static string LoketClockBehind(string minutes) =>
            $"Perintah tidak dijalankan: jam PC loket selisih {minutes} menit lebih lambat dari jam kiosk (atau perintah tertunda selama itu). Periksa jam PC loket, lalu tekan lagi.";

        public static string LoketClockAhead(string minutes) =>
            $"Perintah tidak dijalankan: jam PC loket selisih {minutes} menit lebih cepat dari jam kiosk. Setel jam PC loket, lalu tekan lagi.";
    }
}
