using Kiosk.Device.Configuration;
using Kiosk.Device.Systemd;
using Kiosk.Device.Text;
using Kiosk.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kiosk.Device.Hosting;

/// <summary>
/// First hosted service: makes the data folder, opens the ticket log (quick_check, migrations, day roll-over) and
/// reports the database ready. A corrupt or unreadable database stops start-up here with the file to restore.
/// </summary>
public sealed partial class KioskStartup(
    QueueEngine engine,
    IOptions<KioskOptions> options,
    KioskReadiness readiness,
    SystemdNotifier notifier,
    ILogger<KioskStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Value.DataDirectory);
        var snapshot = engine.GetSnapshot();
        LogOpened(logger, engine.DatabasePath, engine.BusinessDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), snapshot.Sequence);
        readiness.MarkReady(KioskReadiness.Database, $"Basis data siap ({engine.BusinessDay:yyyy-MM-dd})");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        notifier.Stopping(Teks.Teknisi.Stopping);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ticket log {Path} open: business day {Day}, event sequence {Sequence}")]
    private static partial void LogOpened(ILogger logger, string path, string day, long sequence);
}
