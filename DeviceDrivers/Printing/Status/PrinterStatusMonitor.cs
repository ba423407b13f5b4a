using System.Threading.Channels;
using Kiosk.DeviceDrivers.Printing.Transports;

namespace Kiosk.DeviceDrivers.Printing.Status;

/// <summary>
/// Polls a bidirectional transport on an interval and reports each change of condition or flags (not every poll),
/// both as an event and on a channel, so the kiosk can publish "paper out" before a patient presses the button.
/// A unidirectional transport is not polled: <see cref="Current"/> says Unknown once and stays so, honestly.
/// Results of real jobs can be fed in with <see cref="Report"/> so a failure seen while printing shows at once.
/// </summary>
public sealed class PrinterStatusMonitor : IAsyncDisposable
{
    private readonly IPrinterTransport transport;
    private readonly Channel<PrinterStatusChangedEventArgs> changes = Channel.CreateBounded<PrinterStatusChangedEventArgs>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Lock sync = new();
    private CancellationTokenSource? stopping;
    private Task? loop;
    private PrinterStatus current = PrinterStatus.Unknown("not polled yet");

    public PrinterStatusMonitor(IPrinterTransport transport, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.FromMilliseconds(10));
        this.transport = transport;
        Interval = interval;
    }

    /// <summary>Raised on the polling thread for every change; a throwing handler is recorded in <see cref="LastHandlerError"/>, polling goes on.</summary>
    public event EventHandler<PrinterStatusChangedEventArgs>? Changed;

    public TimeSpan Interval { get; }

    public PrinterStatus Current
    {
        get { lock (sync) { return current; } }
    }

    /// <summary>Every change, oldest first (the oldest are dropped past 64 unread).</summary>
    public ChannelReader<PrinterStatusChangedEventArgs> Changes => changes.Reader;

    public Exception? LastHandlerError { get; private set; }

    public int PollCount { get; private set; }

    public void Start()
    {
        lock (sync)
        {
            if (loop is not null)
            {
                throw new InvalidOperationException("The monitor is already running.");
            }

            stopping = new CancellationTokenSource();
            loop = RunAsync(stopping.Token);
        }
    }

    /// <summary>Reads the status once now and reports a change if there is one.</summary>
    public async Task<PrinterStatus> PollOnceAsync(CancellationToken cancellationToken)
    {
        var status = await transport.QueryStatusAsync(cancellationToken).ConfigureAwait(false);
        PollCount++;
        Report(status);
        return status;
    }

    /// <summary>Takes a status seen elsewhere (the result of a print job) as the current one.</summary>
    public void Report(PrinterStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        PrinterStatus previous;
        lock (sync)
        {
            previous = current;
            current = status;
        }

        if (status.SameStateAs(previous))
        {
            return;
        }

        var change = new PrinterStatusChangedEventArgs(previous, status);
        changes.Writer.TryWrite(change);
        try
        {
            Changed?.Invoke(this, change);
        }
#pragma warning disable CA1031 // A subscriber's bug must not stop status polling; it is kept for inspection.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LastHandlerError = ex;
        }
    }

    public async Task StopAsync()
    {
        Task? running;
        CancellationTokenSource? cts;
        lock (sync)
        {
            running = loop;
            cts = stopping;
            loop = null;
            stopping = null;
        }

        if (cts is null || running is null)
        {
            return;
        }

        await cts.CancelAsync().ConfigureAwait(false);
        try
        {
            await running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected way out of the loop.
        }
        finally
        {
            cts.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        changes.Writer.TryComplete();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (!transport.IsBidirectional)
        {
            Report(await transport.QueryStatusAsync(cancellationToken).ConfigureAwait(false));
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Transports report printer trouble as a status; anything thrown is a fault of the transport itself
                // (disposed under us...). Show it as unreachable and keep polling rather than dying silently.
                Report(PrinterStatus.Unreachable($"{transport.Description}: status poll failed: {ex.Message}"));
            }

            await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
        }
    }
}
