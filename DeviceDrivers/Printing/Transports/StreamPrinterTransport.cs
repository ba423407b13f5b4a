using System.Net.Sockets;
using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Status;

namespace Kiosk.DeviceDrivers.Printing.Transports;

/// <summary>
/// What every byte-stream transport (device file, TCP, serial) shares: open on demand, close on every failure so the
/// next job reopens (a replugged USB printer or a restarted network printer just works), status by DLE EOT 1..4 read
/// through the <see cref="StatusFrameParser"/>, and a job flow that checks status before sending (a printer without
/// paper gets no ticket that would be lost) and after (the printer is still there and took the bytes).
/// DLE EOT is answered as soon as it arrives, before earlier data is printed, so "after" means "received", not
/// "on paper": a paper-out during printing is caught by the next status poll.
/// </summary>
public abstract class StreamPrinterTransport : IPrinterTransport
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly StatusFrameParser parser = new();
    private readonly Queue<StatusFrame> frames = new();
    private readonly HashSet<int> unansweredRequests = [];
    private readonly HashSet<int> answeredRequests = [];
    private readonly byte[] readBuffer = new byte[64];
    private bool disposed;

    protected StreamPrinterTransport(PrinterTimeouts? timeouts, bool bidirectional)
    {
        Timeouts = timeouts ?? PrinterTimeouts.Default;
        IsBidirectional = bidirectional;
        LastStatus = bidirectional ? PrinterStatus.Unknown("not queried yet") : PrinterStatus.Unknown("this connection cannot read printer status");
    }

    public abstract string Description { get; }

    public bool IsBidirectional { get; }

    public PrinterTimeouts Timeouts { get; }

    /// <summary>The last status read (or Unknown), also updated by every job.</summary>
    public PrinterStatus LastStatus { get; private set; }

    /// <summary>The last automatic-status-back reading, when the printer has ASB enabled (GS a).</summary>
    public PrinterStatus? LastAutomaticStatus { get; private set; }

    /// <summary>DLE EOT numbers this printer never answered (POS-58 clones answer only 1 and 4); they are not asked again.</summary>
    public IReadOnlyCollection<int> UnansweredStatusRequests => unansweredRequests;

    /// <summary>True while a connection or descriptor is open and, as far as can be seen without I/O, alive.</summary>
    protected abstract bool IsOpen { get; }

    public async Task<PrintResult> SendAsync(ReadOnlyMemory<byte> job, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (job.IsEmpty)
        {
            return PrintResult.Failure(PrintFailureKind.Rejected, "The job is empty; nothing was sent.", 0, LastStatus);
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var reused = IsOpen;
            var opened = await TryOpenAsync(cancellationToken).ConfigureAwait(false);
            if (opened is not null)
            {
                return opened;
            }

            if (IsBidirectional)
            {
                PrinterStatus before;
                try
                {
                    before = await QueryWithReconnectAsync(reused, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
                {
                    CloseQuietly();
                    LastStatus = PrinterStatus.Unreachable($"{Description}: no status before the job: {ex.Message}");
                    // A printer that does not answer before the job is unreachable as far as the patient is concerned.
                    var kind = Classify(ex, opening: false);
                    return PrintResult.Failure(kind == PrintFailureKind.Timeout ? PrintFailureKind.Offline : kind, $"Job not sent: {Description} did not answer a status request ({ex.Message}).", 0, LastStatus);
                }

                LastStatus = before;
                if (!before.CanPrint)
                {
                    return PrintResult.Failure(PrintResult.KindFor(before), $"Job not sent: {Description} reports {before.Condition} ({before.Detail}).", 0, before);
                }
            }

            try
            {
                await WriteAsync(job, Timeouts.Write, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
            {
                CloseQuietly();
                var kind = Classify(ex, opening: false);
                LastStatus = kind is PrintFailureKind.Disconnected or PrintFailureKind.Offline ? PrinterStatus.Unreachable(ex.Message) : LastStatus;
                return PrintResult.Failure(kind, $"Sending the job to {Description} failed; the ticket may be missing or incomplete: {ex.Message}", 0, LastStatus);
            }

            if (!IsBidirectional)
            {
                // Written is all a one-way connection can know; an earlier "unreachable" no longer holds.
                LastStatus = PrinterStatus.Unknown($"{Description} cannot report status; the last job was written completely");
                return PrintResult.Success(job.Length, LastStatus);
            }

            try
            {
                var after = await QueryLockedAsync(cancellationToken).ConfigureAwait(false);
                LastStatus = after;
                return after.CanPrint
                    ? PrintResult.Success(job.Length, after)
                    : PrintResult.Failure(PrintResult.KindFor(after), $"{Description} reports {after.Condition} ({after.Detail}) right after the job; the ticket may be incomplete.", job.Length, after);
            }
            catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
            {
                CloseQuietly();
                LastStatus = PrinterStatus.Unreachable(ex.Message);
                var kind = Classify(ex, opening: false);
                return PrintResult.Failure(kind == PrintFailureKind.Timeout ? PrintFailureKind.Timeout : PrintFailureKind.Disconnected, $"{Description} stopped answering after the job was sent; the ticket may be missing or incomplete: {ex.Message}", job.Length, LastStatus);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<PrinterStatus> QueryStatusAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!IsBidirectional)
        {
            return LastStatus;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var reused = IsOpen;
            try
            {
                await OpenIfClosedAsync(cancellationToken).ConfigureAwait(false);
                LastStatus = await QueryWithReconnectAsync(reused, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
            {
                CloseQuietly();
                LastStatus = PrinterStatus.Unreachable($"{Description}: {ex.Message}");
            }

            return LastStatus;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            CloseQuietly();
        }
        finally
        {
            gate.Release();
            gate.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>Writes all bytes or throws (TimeoutException on timeout, IOException/SocketException on failure).</summary>
    protected abstract Task WriteAsync(ReadOnlyMemory<byte> data, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Reads what is there within the timeout; 0 when nothing came; EndOfStreamException when the other side is gone.</summary>
    protected abstract Task<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken);

    protected abstract void Close();

    /// <summary>
    /// Waits for input by trying a non-blocking read every few milliseconds instead of parking a thread-pool thread in
    /// poll(2) for the whole timeout: a status reply is tiny and quick, and on a 2-4 core Pi a few parked threads are
    /// enough to starve the pool (measured: replies then arrive a second late and look like timeouts).
    /// </summary>
    protected static async Task<int> PollReadAsync(Func<Task<int>> tryRead, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tryRead);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var n = await tryRead().ConfigureAwait(false);
            if (n > 0 || DateTime.UtcNow >= deadline)
            {
                return n;
            }

            await Task.Delay(ReadPollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static readonly TimeSpan ReadPollInterval = TimeSpan.FromMilliseconds(5);

    private static bool IsTransportFailure(Exception ex, CancellationToken cancellationToken) =>
        !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
        && ex is IOException or SocketException or TimeoutException or OperationCanceledException or UnauthorizedAccessException or ObjectDisposedException;

    private static PrintFailureKind Classify(Exception ex, bool opening) => ex switch
    {
        TimeoutException or OperationCanceledException => PrintFailureKind.Timeout,
        EndOfStreamException or IOException { InnerException: EndOfStreamException } => PrintFailureKind.Disconnected,
        IOException { InnerException: TimeoutException } => PrintFailureKind.Timeout,
        SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostNotFound or SocketError.HostDown or SocketError.TimedOut } => PrintFailureKind.Offline,
        SocketException => PrintFailureKind.Disconnected,
        IOException { InnerException: SocketException } => PrintFailureKind.Disconnected,
        UnauthorizedAccessException => PrintFailureKind.Io,
        IOException when opening => PrintFailureKind.Offline,
        IOException io when io.Message.Contains("Broken pipe", StringComparison.OrdinalIgnoreCase) || io.Message.Contains("hang-up", StringComparison.OrdinalIgnoreCase) || io.Message.Contains("No such device", StringComparison.OrdinalIgnoreCase) => PrintFailureKind.Disconnected,
        _ => PrintFailureKind.Io,
    };

    private async Task<PrintResult?> TryOpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            await OpenIfClosedAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            CloseQuietly();
            // Even a one-way connection knows this much: the device or host is not there.
            LastStatus = PrinterStatus.Unreachable($"{Description}: {ex.Message}");
            var kind = Classify(ex, opening: true);
            return PrintResult.Failure(kind, $"Job not sent: {Description} cannot be reached: {ex.Message}", 0, LastStatus);
        }
    }

    private async Task OpenIfClosedAsync(CancellationToken cancellationToken)
    {
        if (IsOpen)
        {
            return;
        }

        CloseQuietly();
        frames.Clear();
        await OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A kept-open connection may have died while idle (printer restarted): one fresh connection is tried before giving up.</summary>
    private async Task<PrinterStatus> QueryWithReconnectAsync(bool reused, CancellationToken cancellationToken)
    {
        try
        {
            return await QueryLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (reused && ex is SocketException or IOException && !cancellationToken.IsCancellationRequested)
        {
            CloseQuietly();
            await OpenIfClosedAsync(cancellationToken).ConfigureAwait(false);
            return await QueryLockedAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<PrinterStatus> QueryLockedAsync(CancellationToken cancellationToken)
    {
        var bits = PrinterStatusBits.None;
        for (var n = 1; n <= 4; n++)
        {
            if (unansweredRequests.Contains(n))
            {
                continue;
            }

            // A reply that came after an earlier timeout would answer the wrong question; drop it.
            DropStaleReplies();
            await WriteAsync(EscPosCommands.RealTimeStatusRequest(n), Timeouts.StatusReply, cancellationToken).ConfigureAwait(false);
            var reply = await ReadRealTimeReplyAsync(Timeouts.StatusReply, cancellationToken).ConfigureAwait(false);
            if (reply is null)
            {
                if (n == 1 || answeredRequests.Contains(n))
                {
                    throw new TimeoutException($"no reply to DLE EOT {n} within {Timeouts.StatusReply.TotalMilliseconds:0} ms (printer off, busy, or status disabled)");
                }

                // Some clones implement only DLE EOT 1 and 4; one that has never answered n is not asked again.
                // A request that was answered before and now is not means the printer went away, not a clone.
                unansweredRequests.Add(n);
                continue;
            }

            answeredRequests.Add(n);
            bits |= StatusDecoder.FromRealTime(n, reply.Value);
        }

        return PrinterStatus.FromFlags(bits, $"{Description}: {(bits == PrinterStatusBits.None ? "ready" : bits.ToString())}");
    }

    private void DropStaleReplies()
    {
        var keep = frames.Where(f => f.Kind != StatusFrameKind.RealTimeReply).ToArray();
        frames.Clear();
        foreach (var frame in keep)
        {
            Consume(frame);
        }
    }

    private async Task<byte?> ReadRealTimeReplyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            while (frames.Count > 0)
            {
                var frame = frames.Dequeue();
                if (frame.Kind == StatusFrameKind.RealTimeReply)
                {
                    return frame.Bytes[0];
                }

                Consume(frame);
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            var n = await ReadAsync(readBuffer, remaining, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return null;
            }

            foreach (var frame in parser.Feed(readBuffer.AsSpan(0, n)))
            {
                frames.Enqueue(frame);
            }
        }
    }

    private void Consume(StatusFrame frame)
    {
        if (frame.Kind == StatusFrameKind.AutomaticStatusBack)
        {
            LastAutomaticStatus = PrinterStatus.FromFlags(StatusDecoder.FromAutomaticStatusBack(frame.Bytes), $"{Description} (automatic status back)");
        }
    }

    private void CloseQuietly()
    {
        try
        {
            Close();
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // Closing a connection that already failed can fail again; the failure itself was already reported.
        }
    }
}
