using Kiosk.Device.Configuration;
using Kiosk.Device.Devices;
using Kiosk.Device.Input;
using Kiosk.Device.Printing;
using Kiosk.DeviceDrivers.Gpio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kiosk.Simulator;

/// <summary>The front of a kiosk host running in this process (or the child's own, inside the kiosk part).</summary>
public sealed class HostedKioskFront : IKioskFront
{
    private readonly SimulatedLampPanel lamps;
    private readonly SimulatedButtonPanel buttons;
    private readonly IServiceProvider services;

    public HostedKioskFront(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        this.services = services;
        var options = services.GetRequiredService<IOptions<KioskOptions>>().Value;
        Site = options.Site.Id;
        SiteName = options.Site.Name;
        TimeZone = options.Site.TimeZone;
        Buttons = options.Buttons.Select(b => new KioskButton(b.Id, b.Label)).ToArray();
        lamps = (SimulatedLampPanel)services.GetRequiredService<ILampPanel>();
        buttons = (SimulatedButtonPanel)services.GetRequiredService<IButtonPanel>();
        lamps.Changed += (_, e) => LampChanged?.Invoke(this, e);
        services.GetRequiredService<KioskActivity>().Happened += (_, e) => ActivityHappened?.Invoke(this, e);
    }

    public event EventHandler<LampChangedEventArgs>? LampChanged;

    public event EventHandler<KioskActivityEventArgs>? ActivityHappened;

    public string Site { get; }

    public string? SiteName { get; }

    public string TimeZone { get; }

    public IReadOnlyList<KioskButton> Buttons { get; }

    /// <summary>Every lamp and whether it is lit now (the child sends these when it is ready).</summary>
    public IReadOnlyDictionary<string, bool> Lamps => lamps.LampIds.ToDictionary(id => id, lamps.Get, StringComparer.Ordinal);

    public bool LampLit(string lampId) => lamps.Get(lampId);

    public void Press(string buttonId) => buttons.Press(buttonId);

    public void Scan(string text) => Scanner.Scan(text);

    public void CheckPrinterNow() => services.GetRequiredService<PrinterSupervisor>().CheckNow();

    public void CheckDayCloseNow() => services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Kiosk.Device.DayClose.DayCloseService>().Single().CheckNow();

    private Kiosk.DeviceDrivers.Input.SimulatedScanReader Scanner => (Kiosk.DeviceDrivers.Input.SimulatedScanReader)services.GetRequiredService<ConfiguredReader>().Reader!;
}
