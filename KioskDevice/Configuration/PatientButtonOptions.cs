namespace Kiosk.Device.Configuration;

/// <summary>One patient button on the kiosk: which GPIO line it is, which ticket it issues, which lamp lights it.</summary>
public sealed class PatientButtonOptions
{
    public string Id { get; set; } = string.Empty;

    /// <summary>Service code from the queue configuration (e.g. <c>UMUM</c>, <c>BPJS</c>, <c>PRIO</c>).</summary>
    public string Service { get; set; } = string.Empty;

    /// <summary>Text on the button face, in Bahasa Indonesia; the simulator shows it.</summary>
    public string Label { get; set; } = string.Empty;

    /// <summary><c>Baru</c>, <c>Lama</c>, or empty when the button does not ask (the ticket then lists what both must bring).</summary>
    public string Category { get; set; } = string.Empty;

    /// <summary><c>Umum</c> or <c>Bpjs</c> when the button says it; empty when it does not ask (recorded as unknown).</summary>
    public string Payer { get; set; } = string.Empty;

    /// <summary>
    /// None, or the kind this button is for: Lansia, IbuHamil, Disabilitas, Balita (one button per kind); Unspecified for
    /// a shared priority button that cannot ask which kind (counted apart, never as Lansia).
    /// </summary>
    public string Priority { get; set; } = "None";

    /// <summary>GPIO chip by name or number (gpiochip0 on Pi 3/4, gpiochip4 on Pi 5).</summary>
    public string Chip { get; set; } = "gpiochip0";

    /// <summary>GPIO line of the button, by number ("17") or by name ("GPIO17").</summary>
    public string Line { get; set; } = string.Empty;

    /// <summary>Line that lights this button, by number or name; empty for none.</summary>
    public string LampLine { get; set; } = string.Empty;

    /// <summary>Terminal key that presses the button in the terminal simulator.</summary>
    public char Key { get; set; }
}
