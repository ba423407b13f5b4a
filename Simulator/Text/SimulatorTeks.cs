namespace Kiosk.Simulator.Text;

/// <summary>
/// What the simulator's command line says to a technician or developer, in Bahasa Indonesia. Its own switches only:
/// kiosk settings and their errors are worded by Kiosk.Device's Teks, the same as on the Pi.
/// </summary>
public static class SimulatorTeks
{
    public const string NeedsValueSuffix = " perlu nilai";
    public const string NotAPort = "bukan nomor port; tulis bilangan 1..65535, mis. 8080";
    public const string NotAUrl = "bukan alamat lengkap; tulis mis. http://127.0.0.1:8080/";
    public const string NotAPath = "bukan jalur folder yang dapat dipakai";
}
