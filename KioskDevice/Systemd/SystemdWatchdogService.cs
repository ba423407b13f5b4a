using Kiosk.Device.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kiosk.Device.Systemd;

/// <summary>
/// Sends WATCHDOG=1 at half of WATCHDOG_USEC, but only while every main loop is alive. When a loop stalls it
/// stops petting, says which loop in STATUS=, and lets systemd restart the service.
/// </summary>
public sealed partial class SystemdWatchdogService(
    SystemdNotifier notifier,
    LoopHeartbeats heartbeats,
    TimeProvider time,
    ILogger<SystemdWatchdogService> logger,
    TimeSpan? pingInterval = null,
    TimeSpan? maxLoopSilence = null) : BackgroundService
{
    private readonly TimeSpan? interval = pingInterval ?? WatchdogSettings.FromEnvironment();
    private readonly TimeSpan maxSilence = maxLoopSilence ?? TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (interval is not { } period || !notifier.IsEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(period, time);
        var wasHealthy = true;
        do
        {
            var stale = heartbeats.Stale(maxSilence);
            if (stale.Count == 0)
            {
                notifier.Watchdog();
                if (!wasHealthy)
                {
                    LogRecovered(logger);
                    notifier.Status("Semua proses berjalan normal");
                }

                wasHealthy = true;
            }
            else if (wasHealthy)
            {
                wasHealthy = false;
                var loops = string.Join(", ", stale);
                LogStalled(logger, loops, maxSilence.TotalSeconds);
                notifier.Status($"Proses macet: {loops}; watchdog berhenti, systemd akan memulai ulang");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Main loop(s) {Loops} silent for more than {Seconds} s: no longer petting the systemd watchdog")]
    private static partial void LogStalled(ILogger logger, string loops, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "All main loops alive again: petting the watchdog")]
    private static partial void LogRecovered(ILogger logger);
}
