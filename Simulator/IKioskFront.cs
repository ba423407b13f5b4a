using Kiosk.Device.Input;
using Kiosk.DeviceDrivers.Gpio;

namespace Kiosk.Simulator;

/// <summary>
/// The kiosk's front as the panel sees it in one power-up: its buttons and lamps, its reader, what it tells the patient,
/// and the printer check it makes when asked. The kiosk may run in this process or in a child process the panel can
/// kill; the panel works the same with both.
/// </summary>
public interface IKioskFront
{
    event EventHandler<LampChangedEventArgs>? LampChanged;

    event EventHandler<KioskActivityEventArgs>? ActivityHappened;

    string Site { get; }

    string? SiteName { get; }

    /// <summary>The site's time zone id (Asia/Jakarta...), for the clock the panel shows and jumps.</summary>
    string TimeZone { get; }

    IReadOnlyList<KioskButton> Buttons { get; }

    bool LampLit(string lampId);

    void Press(string buttonId);

    void Scan(string text);

    /// <summary>Makes the kiosk look at its printer now, as it would at its next poll.</summary>
    void CheckPrinterNow();

    /// <summary>Makes the kiosk check its day close now (after the clock was set), as it would at its next check.</summary>
    void CheckDayCloseNow();
}
