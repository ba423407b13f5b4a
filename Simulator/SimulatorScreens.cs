using System.Globalization;
using Kiosk.Broker;
using Kiosk.Screens.Hosting;
using Kiosk.Screens.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Kiosk.Simulator.Text;

namespace Kiosk.Simulator;

/// <summary>
/// The loket pages and the waiting-room display, started beside the simulated kiosk on its private broker. The
/// simulator knows every loket's password, so it opens each loket page logged in: it hands its own screens host a
/// one-time ticket per page (<see cref="LoginTickets"/>), and the page logs in through the broker with it.
/// </summary>
public sealed class SimulatorScreens : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly SimulatorSession session;

    private SimulatorScreens(WebApplication app, SimulatorSession session, Uri address)
    {
        this.app = app;
        this.session = session;
        Address = address;
    }

    /// <summary>Where the host listens (ends with a slash).</summary>
    public Uri Address { get; }

    /// <summary>The port the simulator's own screens host takes when none is given: KIOSK_SCREENS_PORT or 8080.</summary>
    public static string DefaultPort => Environment.GetEnvironmentVariable("KIOSK_SCREENS_PORT") ?? "8080";

    /// <summary>
    /// The kiosk setting that puts the patient page of the screens host at <paramref name="screens"/> into every ticket's QR
    /// code (<c>Kiosk:Site:PatientPageUrl</c>); the kiosk reads it at power-on, so it is set before the kiosk starts.
    /// </summary>
    public static KeyValuePair<string, string> PatientPageSetting(Uri screens)
    {
        ArgumentNullException.ThrowIfNull(screens);
        return new("Kiosk:Site:PatientPageUrl", new Uri(screens, "tiket/").AbsoluteUri);
    }

    /// <summary>Starts the host on <paramref name="port"/> (0: a free port; null: <see cref="DefaultPort"/>).</summary>
    public static async Task<SimulatorScreens> StartAsync(SimulatorSession session, int? port, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(output);
        var broker = session.Broker;
        var listen = port?.ToString(CultureInfo.InvariantCulture) ?? DefaultPort;
        var app = ScreensApp.Create(
        [
            $"--urls=http://127.0.0.1:{listen}",
            $"--Screens:SiteId={session.Site}",
            $"--Screens:MqttHost={broker.Host}",
            $"--Screens:MqttPort={broker.Port.ToString(CultureInfo.InvariantCulture)}",
            $"--Screens:DisplayPassword={broker.For(BrokerRoles.Display).Password}",
            "--Logging:LogLevel:Default=Warning",
        ],

        // The simulator's clock, as the kiosk's: the host stamps each loket command's sentAt, and the kiosk refuses
        // a command whose sentAt is more than two minutes off its own clock. With the machine's clock here, every
        // jump of the panel's clock made every loket command look like one from a PC whose clock is wrong.
        session.Clock);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var screens = new SimulatorScreens(app, session, new Uri(bound.TrimEnd('/') + "/"));
        await output.WriteLineAsync(SimulatorTeks.WaitingRoomScreen(screens.Address));
        await output.WriteLineAsync(SimulatorTeks.LoketPage(screens.Address));
        for (var counter = 1; counter <= broker.CounterCount; counter++)
        {
            await output.WriteLineAsync(SimulatorTeks.LoketPassword(counter, broker.For(BrokerRoles.Counter(counter)).Password));
        }

        return screens;
    }

    /// <summary>A one-time address that opens loket <paramref name="counter"/>'s page logged in (good for a few minutes).</summary>
    public Uri LoginUrl(int counter)
    {
        var ticket = app.Services.GetRequiredService<LoginTickets>().Issue(counter, session.Broker.For(BrokerRoles.Counter(counter)).Password);
        return new Uri(Address, "loket/masuk-tiket?tiket=" + Uri.EscapeDataString(ticket));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await app.StopAsync(timeout.Token);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
