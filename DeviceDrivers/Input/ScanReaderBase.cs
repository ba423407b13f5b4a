using System.Threading.Channels;
using Kiosk.DeviceDrivers.Scanning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kiosk.DeviceDrivers.Input;

/// <summary>The channel, state reporting and run loop every reader shares.</summary>
public abstract class ScanReaderBase : IScanReader
{
    private readonly Channel<RawScan> scans = Channel.CreateBounded<RawScan>(new BoundedChannelOptions(64)
    {
        // A patient scanning a card again and again while nobody reads: keep the newest, they are what matter.
        FullMode = BoundedChannelFullMode.DropOldest,
    });

    private CancellationTokenSource? stopping;
    private Task running = Task.CompletedTask;
    private int state = (int)ReaderState.Stopped;

    protected ScanReaderBase(string name, ILogger? logger)
    {
        Name = name;
        Logger = logger ?? NullLogger.Instance;
    }

    public string Name { get; }

    public ChannelReader<RawScan> Scans => scans.Reader;

    public ReaderState State => (ReaderState)Volatile.Read(ref state);

    public event EventHandler<ReaderStateChangedEventArgs>? StateChanged;

    protected ILogger Logger { get; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (stopping is not null)
        {
            throw new InvalidOperationException($"Reader {Name} is already started.");
        }

        stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stopping.Token;
        running = Task.Run(() => RunAsync(token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (stopping is not null)
        {
            await stopping.CancelAsync();
            try
            {
                await running;
            }
            catch (OperationCanceledException)
            {
                // The run loop ends by cancellation.
            }

            stopping.Dispose();
        }

        await DisposeCoreAsync();
        SetState(ReaderState.Stopped, "stopped");
        scans.Writer.TryComplete();
        GC.SuppressFinalize(this);
    }

    protected abstract Task RunAsync(CancellationToken cancellationToken);

    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

    protected void Publish(RawScan scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        Logger.LogDebug("Reader {Reader}: {Scan}", Name, scan);
        scans.Writer.TryWrite(scan);
    }

    /// <summary>Publishes what a decoder completed, if anything (a feed, an idle flush or an interrupted read).</summary>
    protected void Deliver((string Text, ScanEnd End)? completed)
    {
        if (completed is { } scan)
        {
            Publish(new RawScan(scan.Text, scan.End, Name, DateTimeOffset.UtcNow));
        }
    }

    protected void SetState(ReaderState newState, string reason)
    {
        if (Interlocked.Exchange(ref state, (int)newState) == (int)newState)
        {
            return;
        }

        if (newState == ReaderState.Disconnected)
        {
            Logger.LogWarning("Reader {Reader} disconnected: {Reason}", Name, reason);
        }
        else
        {
            Logger.LogInformation("Reader {Reader} {State}: {Reason}", Name, newState, reason);
        }

        StateChanged?.Invoke(this, new ReaderStateChangedEventArgs(newState, reason));
    }
}
