using Kiosk.Device.Configuration;
using Kiosk.Device.Devices;
using Kiosk.Device.Health;
using Kiosk.Device.Publishing;
using Kiosk.Device.Systemd;
using Kiosk.Device.Ticketing;
using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Status;
using Kiosk.DeviceDrivers.Printing.Transports;
using Kiosk.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kiosk.Device.Printing;

/// <summary>
/// Watches the printer: polls real-time status on two-way transports, mirrors every change on the lamps and the
/// retained kiosk status topic, and when the printer is back reprints what failed (voiding what is too old). On a
/// one-way printer a failed job can only be disproved by a job that works, so it retries the reprint (or a paperless
/// ESC @ when nothing waits) each interval.
/// </summary>
public sealed partial class PrinterSupervisor(
    IPrinterTransport printer,
    PrinterHealth health,
    TicketIssuer issuer,
    QueueEngine engine,
    KioskSignals signals,
    KioskMqttConnection connection,
    LoopHeartbeats heartbeats,
    KioskReadiness readiness,
    IOptions<KioskOptions> options,
    ILogger<PrinterSupervisor> logger) : BackgroundService
{
    public const string LoopName = "printer";
    private readonly SemaphoreSlim wake = new(0, 1);
    private readonly Lock publishGate = new();

    /// <summary>Asks for a status check now (e.g. the simulator refilled the paper).</summary>
    public void CheckNow()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already asked.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        heartbeats.Register(LoopName);
        health.Changed += OnHealthChanged;
        try
        {
            await GuardedCheckAsync(stoppingToken);
            readiness.MarkReady(KioskReadiness.Printer, Text.Teks.Teknisi.PrinterReadiness(PrinterHealth.Sentence(health.Status.Condition)));
            var interval = TimeSpan.FromSeconds(options.Value.Printer.StatusPollSeconds);

            // Wake at least every few seconds to beat, whatever the poll interval: the watchdog allows 30 s of silence.
            var slice = TimeSpan.FromSeconds(Math.Min(5, interval.TotalSeconds));
            var lastCheck = DateTime.UtcNow;
            while (!stoppingToken.IsCancellationRequested)
            {
                heartbeats.Beat(LoopName);
                var woken = await wake.WaitAsync(slice, stoppingToken);
                if (woken || DateTime.UtcNow - lastCheck >= interval)
                {
                    await GuardedCheckAsync(stoppingToken);
                    lastCheck = DateTime.UtcNow;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        finally
        {
            health.Changed -= OnHealthChanged;
            heartbeats.Unregister(LoopName);
        }
    }

    private async Task GuardedCheckAsync(CancellationToken stoppingToken)
    {
        try
        {
            await CheckAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await LoopFailure.PauseAsync(logger, ex, LoopName, heartbeats, stoppingToken);
        }
    }

    /// <summary>One supervision step: status, then reprint or probe. Public for the end-to-end tests and the doctor.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        if (printer.IsBidirectional)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.Printer.TimeoutSeconds));
            PrinterStatus status;
            try
            {
                status = await printer.QueryStatusAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                status = PrinterStatus.Unreachable("no status reply in time");
            }

            health.Report(status);
            if (status.CanPrint && health.LastFailure is not null)
            {
                // The printer says it is fine again (paper refilled): let the reprint below prove it.
                health.JobSucceeded();
            }
        }

        var pending = engine.PendingPrints().Count;
        if (pending > 0 && (health.CanAcceptTickets || !printer.IsBidirectional))
        {
            var printed = await issuer.ReprintPendingAsync(() => heartbeats.Beat(LoopName), cancellationToken);
            if (printed > 0)
            {
                LogReprinted(logger, printed);
            }
        }
        else if (pending == 0 && health.LastFailure is not null && !printer.IsBidirectional)
        {
            var probe = await printer.SendAsync(new EscPosBuilder(PaperProfile.Mm58).Initialize().ToArray(), cancellationToken);
            if (probe.Succeeded)
            {
                health.JobSucceeded();
            }
        }

        Publish();
    }

    private void OnHealthChanged(object? sender, PrinterStatus status)
    {
        if (health.CanAcceptTickets)
        {
            LogReady(logger, status.Condition, status.Detail);
        }
        else
        {
            LogChanged(logger, status.Condition, status.Detail, health.LastFailure ?? "-");
        }

        Publish();
    }

    private void Publish()
    {
        // Health changes arrive from the issuing path and from this loop: one at a time, so the last word is the newest.
        lock (publishGate)
        {
            var ready = health.CanAcceptTickets;
            signals.ShowPrinterReady(ready);
            var condition = health.Status.Condition;
            var failure = health.LastFailureCause;
            var word = failure is not null && condition is PrinterCondition.Ok or PrinterCondition.Unknown or PrinterCondition.PaperNearEnd ? Kiosk.Contract.PrinterCondition.Offline : PrinterHealth.Word(condition);
            var sentence = failure is not null ? Text.Teks.Petugas.PrinterFailed(failure) : PrinterHealth.Sentence(condition);
            connection.UpdateStatus(word, sentence, engine.PendingPrints().Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Printer cannot print: {Condition} ({Detail}); last job failure: {Failure}")]
    private static partial void LogChanged(ILogger logger, PrinterCondition condition, string detail, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer can print: {Condition} ({Detail})")]
    private static partial void LogReady(ILogger logger, PrinterCondition condition, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reprinted {Count} ticket(s) that had failed to print")]
    private static partial void LogReprinted(ILogger logger, int count);
}
