namespace Kiosk.Device.Text;

public static partial class Teks
{
    /// <summary>What the officer at a loket reads about the kiosk (the status topic's sentence, command replies).</summary>
    public static partial class Petugas
    {
        /// <summary>The status sentence after a failed job: the cause in Bahasa Indonesia, never the transport's detail.</summary>
        public static string PrinterFailed(string cause) => $"Printer bermasalah: {cause}; mohon periksa printer";

        public const string KioskOffline = "Kiosk tidak terhubung";
    }
}
