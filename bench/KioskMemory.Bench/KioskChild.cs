using System.Globalization;
using Kiosk.Device.DayClose;
using Kiosk.Device.Hosting;
using Kiosk.Device.Input;
using Kiosk.DeviceDrivers.Gpio;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kiosk.Memory.Bench;

/// <summary>
/// The bench's child mode: the real kiosk host (KioskHost.CreateBuilder, every hosted service, the kiosk's own
/// runtimeconfig through <c>dotnet exec --runtimeconfig</c>) on simulated buttons, with a clock the bench moves. The
/// kiosk program itself takes no clock from outside (TimeProvider.System, replaceable only in process), so this is the
/// closest honest way to pass a month of business days through it in minutes. One command a line on standard input,
/// one answer a line on standard output:
/// <c>at UNIX-MS</c> (move the clock), <c>check</c> (the day-close check), <c>press BUTTON</c> (a patient's press: <c>Printed A001</c> or the refusal),
/// <c>gc</c> (heap size, committed bytes, total allocated, the number of gen0 and gen2 collections, and SQLite's own malloc total and peak), <c>allocations</c> (the sampled types, with --allocations).
/// </summary>
internal static class KioskChild
{
    public const string Switch = "--kiosk-child";

    /// <summary>Set to 1 (the bench's --allocations) for the runtime's allocation sampling inside the child.</summary>
    public const string SamplerVariable = "KIOSK_MEMORY_ALLOCATIONS";

    public static async Task<int> RunAsync(string[] hostArgs)
    {
        using var sampler = Environment.GetEnvironmentVariable(SamplerVariable) == "1" ? new AllocationSampler() : null;
        var clock = new BenchClock();
        var builder = KioskHost.CreateBuilder(hostArgs);
        builder.Services.AddSingleton<TimeProvider>(clock);
        using var host = builder.Build();
        KioskHost.ValidateConfiguration(host.Services);
        await host.StartAsync();
        var panel = (SimulatedButtonPanel)host.Services.GetRequiredService<IButtonPanel>();
        var activity = host.Services.GetRequiredService<KioskActivity>();
        var dayClose = host.Services.GetServices<IHostedService>().OfType<DayCloseService>().Single();

        while (await Console.In.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ', 2);
            switch (parts[0])
            {
                case "at":
                    clock.MoveTo(DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[1], CultureInfo.InvariantCulture)));
                    Console.WriteLine("ok");
                    break;
                case "check":
                    // What the day-close loop does every 20 s, at once, so a day's close and recap happen where the bench moved the clock.
                    var closed = await dayClose.CheckAsync(CancellationToken.None);
                    Console.WriteLine($"ok {closed?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}");
                    break;
                case "press":
                    Console.WriteLine(await PressAsync(panel, activity, parts[1]));
                    break;
                case "gc":
                    // The heap as the last GC left it (live objects plus fragmentation; before the first GC, what was
                    // allocated) and the GC's committed bytes, as dotnet-counters' gc-committed shows them.
                    var info = GC.GetGCMemoryInfo();
                    var heap = info.Index == 0 ? GC.GetTotalMemory(false) : info.HeapSizeBytes;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gc {heap} {info.TotalCommittedBytes} {GC.GetTotalAllocatedBytes()} {GC.CollectionCount(0)} {GC.CollectionCount(2)} {SQLitePCL.raw.sqlite3_memory_used()} {SQLitePCL.raw.sqlite3_memory_highwater(0)}"));
                    break;
                case "allocations":
                    Console.WriteLine(sampler?.Top(12) ?? "off");
                    break;
                default:
                    Console.WriteLine($"unknown {line}");
                    break;
            }
        }

        await host.StopAsync();
        return 0;
    }

    private static async Task<string> PressAsync(SimulatedButtonPanel panel, KioskActivity activity, string button)
    {
        var outcome = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Happened(object? sender, KioskActivityEventArgs e)
        {
            if (e.Source == button && e.Kind != KioskActivity.QueuedKind)
            {
                outcome.TrySetResult($"{e.Kind} {e.Number ?? e.Message.ReplaceLineEndings(" ")}");
            }
        }

        activity.Happened += Happened;
        try
        {
            panel.Press(button);
            return await outcome.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            return "Timeout no outcome within 20 s";
        }
        finally
        {
            activity.Happened -= Happened;
        }
    }
}
