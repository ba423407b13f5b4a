using System.Globalization;
using Kiosk.Broker;
using Kiosk.Screens.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Simulator;

/// <summary>The loket pages and the waiting-room display, started beside the simulated kiosk on its private broker.</summary>
public static class SimulatorScreens
{
    public static async Task<WebApplication> StartAsync(SimulatorSession session, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(output);
        var broker = session.Broker;
        var app = ScreensApp.Create(
        [
            $"--urls=http://127.0.0.1:{Environment.GetEnvironmentVariable("KIOSK_SCREENS_PORT") ?? "8080"}",
            $"--Screens:SiteId={session.Site}",
            $"--Screens:MqttHost={broker.Host}",
            $"--Screens:MqttPort={broker.Port.ToString(CultureInfo.InvariantCulture)}",
            $"--Screens:DisplayPassword={broker.For(BrokerRoles.Display).Password}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync(cancellationToken);
        var address = AddressOf(app).ToString().TrimEnd('/');
        await output.WriteLineAsync($"Layar ruang tunggu: {address}/layar");
        await output.WriteLineAsync($"Halaman loket:      {address}/loket   (masuk dengan nomor loket dan kata sandi di bawah)");
        for (var counter = 1; counter <= broker.CounterCount; counter++)
        {
            await output.WriteLineAsync($"  loket {counter.ToString(CultureInfo.InvariantCulture)}: {broker.For(BrokerRoles.Counter(counter)).Password}");
        }

        return app;
    }

    /// <summary>Where the started host listens (the port may have been chosen by the system).</summary>
    public static Uri AddressOf(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}
