using System.Globalization;
using Kiosk.Device.Hosting;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.Simulator.Devices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Kiosk.Simulator.Text;

namespace Kiosk.Simulator.KioskPart;

/// <summary>
/// The simulator's hidden child mode: <c>Kiosk.Simulator --kiosk-part SOCKET CLOCK-OFFSET PRINTER CONFIG|-</c>, its
/// settings in the environment (<c>Kiosk__Mqtt__Password</c>...), where other users cannot read the broker password.
/// It runs the real kiosk host, built as the in-process simulator builds it (simulated buttons, lamps and reader, the
/// simulator's clock), in a process of its own, so the panel's power cut can kill it for real. The printer stays with
/// the simulator. When the simulator goes away (its end of the socket closes, also when it was killed) the kiosk
/// stops: a kiosk part never outlives its simulator.
/// </summary>
public static class KioskPartProgram
{
    public const string Switch = "--kiosk-part";

    public static bool IsKioskPart(string[] args) => args is [Switch, ..];

    /// <summary>The arguments the simulator starts a kiosk part with.</summary>
    public static IEnumerable<string> Arguments(string socketPath, TimeSpan clockOffset, string printerDescription, string? configFile) =>
        [Switch, socketPath, clockOffset.Ticks.ToString(CultureInfo.InvariantCulture), printerDescription, configFile ?? "-"];

    /// <summary>The environment variable that carries a "Section:Key" setting, as .NET configuration reads it.</summary>
    public static string EnvironmentName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Replace(":", "__", StringComparison.Ordinal);
    }

    public static async Task<int> RunAsync(string[] args, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length != 5 || args[0] != Switch || !long.TryParse(args[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset))
        {
            await Console.Error.WriteLineAsync(SimulatorTeks.KioskPartUsage);
            return 64;
        }

        var configFile = args[4] == "-" ? null : args[4];
        var clock = new SimulatorClock();
        clock.SetOffset(TimeSpan.FromTicks(offset));
        var printer = new ParentPrinterTransport(args[3]);
        var builder = KioskHost.CreateBuilder([], configFile);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IPrinterTransport>(printer);
        using var host = builder.Build();
        KioskHost.ValidateConfiguration(host.Services);
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KioskPartProgram).FullName!);
        await using var channel = await PartChannel.ConnectAsync(args[1], logger, stop);
        printer.Attach(channel);

        var front = new HostedKioskFront(host.Services);
        var sending = new Lock();
        front.LampChanged += (_, e) =>
        {
            lock (sending)
            {
                _ = channel.SendAsync(new PartMessage { Type = PartMessage.Lamp, LampChange = e });
            }
        };
        front.ActivityHappened += (_, e) => _ = channel.SendAsync(new PartMessage { Type = PartMessage.Activity, Happened = e });

        // Read before the host starts: its start asks the printer, whose answer comes over this line.
        var reading = Task.Run(() => channel.ReadAsync(message => Handle(message, front, clock, printer), stop), CancellationToken.None);
        try
        {
            await host.StartAsync(stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 130;
        }

        lock (sending)
        {
            _ = channel.SendAsync(new PartMessage { Type = PartMessage.Ready, Front = new PartReady(front.Site, front.SiteName, front.TimeZone, front.Buttons, front.Lamps) });
        }

        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (stop.Register(() => stopping.TrySetResult()))
        using (lifetime.ApplicationStopping.Register(() => stopping.TrySetResult()))
        {
            await Task.WhenAny(reading, stopping.Task);
        }

        // The simulator is gone (or asked us to stop): a print waiting for it would wait for ever.
        printer.ParentGone();
        await host.StopAsync(CancellationToken.None);
        return 0;
    }

    private static bool Handle(PartMessage message, HostedKioskFront front, SimulatorClock clock, ParentPrinterTransport printer)
    {
        switch (message.Type)
        {
            case PartMessage.Press when message.Text is { } button && front.Buttons.Any(b => b.Id == button):
                front.Press(button);
                return true;
            case PartMessage.Scan when message.Text is { } text:
                front.Scan(text);
                return true;
            case PartMessage.Clock when message.ClockOffsetTicks is { } ticks:
                clock.SetOffset(TimeSpan.FromTicks(ticks));
                return true;
            case PartMessage.CheckPrinter:
                front.CheckPrinterNow();
                return true;
            case PartMessage.CheckDayClose:
                front.CheckDayCloseNow();
                return true;
            case PartMessage.Printed or PartMessage.StatusRead:
                return printer.Complete(message);
            default:
                return false;
        }
    }
}
