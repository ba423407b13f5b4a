namespace Kiosk.Device.Configuration;

/// <summary>Everything under the "Kiosk" section of appsettings.json (queue rules live under "Queue").</summary>
public sealed class KioskOptions
{
    public const string Section = "Kiosk";

    public SiteOptions Site { get; set; } = new();

    /// <summary>SQLite ticket log, recaps (rekap harian) and exports live here.</summary>
    public string DataDirectory { get; set; } = "/var/lib/kiosk";

    public MqttOptions Mqtt { get; set; } = new();

    public PrinterOptions Printer { get; set; } = new();

    public ReaderOptions Reader { get; set; } = new();

    public HardwareOptions Hardware { get; set; } = new();

    public List<PatientButtonOptions> Buttons { get; set; } = [];

    /// <summary>Local time ("HH:mm") at which the registration desk closes and the day is closed; empty = at midnight.</summary>
    public string DayCloseTime { get; set; } = string.Empty;

    /// <summary>A ticket that could not be printed is voided after this long if the printer has not recovered, so no one calls a number nobody holds.</summary>
    public int VoidUnprintedAfterMinutes { get; set; } = 10;
}
