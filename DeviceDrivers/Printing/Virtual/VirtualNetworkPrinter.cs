using System.Net;
using System.Net.Sockets;
using Kiosk.DeviceDrivers.Printing.Encoding;
using Kiosk.DeviceDrivers.Printing.Interpreting;
using Kiosk.DeviceDrivers.Printing.Status;

namespace Kiosk.DeviceDrivers.Printing.Virtual;

/// <summary>
/// "A printer" on a real TCP socket (127.0.0.1, raw port-9100 protocol) for tests and the simulator. It interprets
/// what it receives into <see cref="Receipt"/>s (one per cut), answers DLE EOT 1..4 in real time from its
/// <see cref="State"/>, sends automatic status back when a client enables it with GS a, and can be told to drop a
/// connection in the middle of a job. While not able to print (paper out, cover open, offline) it keeps what it
/// receives and prints it when the fault is cleared, as a real printer's buffer does.
/// </summary>
public sealed class VirtualNetworkPrinter : IAsyncDisposable
{
    private readonly Lock sync = new();
    private readonly List<Receipt> receipts = [];
    private readonly List<Receipt> held = [];
    private readonly List<Connection> connections = [];
    private readonly HashSet<int> answeredStatusRequests;
    private readonly CancellationTokenSource stopping = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TcpListener? listener;
    private Task? acceptLoop;
    private VirtualPrinterState state;
    private int? dropAfterBytes;
    private long bytesReceived;
    private int connectionsAccepted;

    /// <param name="paper">Paper the receipts are laid out for.</param>
    /// <param name="answeredStatusRequests">Which DLE EOT n it answers; POS-58 clones answer only 1 and 4.</param>
    public VirtualNetworkPrinter(PaperProfile? paper = null, IEnumerable<int>? answeredStatusRequests = null)
    {
        Paper = paper ?? PaperProfile.Mm80;
        this.answeredStatusRequests = [.. answeredStatusRequests ?? [1, 2, 3, 4]];
    }

    public event EventHandler<ReceiptPrintedEventArgs>? ReceiptPrinted;

    public PaperProfile Paper { get; }

    /// <summary>The bound port (after <see cref="Start"/>).</summary>
    public int Port { get; private set; }

    /// <summary>When false the printer takes data but never answers status (a printer whose status is disabled).</summary>
    public bool AnswersStatus { get; set; } = true;

    public VirtualPrinterState State
    {
        get { lock (sync) { return state; } }
        set
        {
            List<Receipt> released = [];
            Connection[] listeners;
            lock (sync)
            {
                if (state == value)
                {
                    return;
                }

                state = value;
                if (value.Prints())
                {
                    released.AddRange(held);
                    receipts.AddRange(held);
                    held.Clear();
                }

                listeners = connections.Where(c => c.AsbEnabled).ToArray();
            }

            foreach (var connection in listeners)
            {
                connection.TrySend(StatusDecoder.ToAutomaticStatusBack(value.ToBits()));
            }

            Announce(released);
        }
    }

    public IReadOnlyList<Receipt> Receipts
    {
        get { lock (sync) { return receipts.ToArray(); } }
    }

    /// <summary>Received while the printer could not print; printed when the fault clears.</summary>
    public IReadOnlyList<Receipt> HeldReceipts
    {
        get { lock (sync) { return held.ToArray(); } }
    }

    public long BytesReceived => Interlocked.Read(ref bytesReceived);

    public int ConnectionsAccepted => Volatile.Read(ref connectionsAccepted);

    /// <summary>Starts listening on 127.0.0.1; port 0 picks a free one (see <see cref="Port"/>).</summary>
    public void Start(int port = 0)
    {
        if (listener is not null)
        {
            throw new InvalidOperationException("The virtual printer is already listening.");
        }

        listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = AcceptLoopAsync(listener, stopping.Token);
    }

    /// <summary>The next connection (or the current one) is closed by the printer after this many more bytes: a cable pulled mid-job.</summary>
    public void DropConnectionAfter(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 0);
        lock (sync)
        {
            dropAfterBytes = bytes;
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> receipts were printed; returns them.</summary>
    public async Task<IReadOnlyList<Receipt>> WaitForReceiptsAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task signal;
            lock (sync)
            {
                if (receipts.Count >= count)
                {
                    return receipts.ToArray();
                }

                signal = changed.Task;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero || await Task.WhenAny(signal, Task.Delay(remaining)).ConfigureAwait(false) != signal)
            {
                lock (sync)
                {
                    throw new TimeoutException($"The virtual printer printed {receipts.Count} of {count} receipts within {timeout.TotalSeconds:0.#} s.");
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        listener?.Stop();
        Connection[] open;
        lock (sync)
        {
            open = connections.ToArray();
        }

        foreach (var connection in open)
        {
            connection.Close();
        }

        if (acceptLoop is not null)
        {
            await acceptLoop.ConfigureAwait(false);
        }

        listener?.Dispose();
        stopping.Dispose();
    }

    private async Task AcceptLoopAsync(TcpListener server, CancellationToken cancellationToken)
    {
        var serving = new List<Task>();
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await server.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                break;
            }

            Interlocked.Increment(ref connectionsAccepted);
            serving.Add(ServeAsync(new Connection(client), cancellationToken));
            serving.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(serving).ConfigureAwait(false);
    }

    private async Task ServeAsync(Connection connection, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            connections.Add(connection);
        }

        var interpreter = new EscPosInterpreter(
            Paper,
            splitAtCuts: true,
            realTimeStatusRequested: n =>
            {
                if (AnswersStatus && answeredStatusRequests.Contains(n))
                {
                    connection.TrySend([StatusDecoder.ToRealTime(n, State.ToBits())]);
                }
            },
            automaticStatusBackChanged: items =>
            {
                connection.AsbEnabled = items != 0;
                if (items != 0)
                {
                    connection.TrySend(StatusDecoder.ToAutomaticStatusBack(State.ToBits()));
                }
            });
        var buffer = new byte[4096];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                int n;
                try
                {
                    n = await connection.Socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    break;
                }

                if (n == 0)
                {
                    break;
                }

                var take = n;
                var drop = false;
                lock (sync)
                {
                    if (dropAfterBytes is { } limit)
                    {
                        if (limit <= n)
                        {
                            take = limit;
                            drop = true;
                            dropAfterBytes = null;
                        }
                        else
                        {
                            dropAfterBytes = limit - n;
                        }
                    }
                }

                Interlocked.Add(ref bytesReceived, take);
                Print(interpreter.Feed(buffer.AsSpan(0, take)));
                if (drop)
                {
                    break;
                }
            }
        }
        finally
        {
            connection.Close();
            lock (sync)
            {
                connections.Remove(connection);
            }

            // Whatever arrived without a cut is still printed, as a real printer prints its buffer.
            if (interpreter.Complete() is { } rest)
            {
                Print([rest]);
            }
        }
    }

    private void Print(IReadOnlyList<Receipt> printed)
    {
        if (printed.Count == 0)
        {
            return;
        }

        List<Receipt> announced = [];
        lock (sync)
        {
            if (state.Prints())
            {
                receipts.AddRange(printed);
                announced.AddRange(printed);
            }
            else
            {
                held.AddRange(printed);
            }
        }

        Announce(announced);
    }

    private void Announce(List<Receipt> printed)
    {
        if (printed.Count == 0)
        {
            return;
        }

        TaskCompletionSource signal;
        lock (sync)
        {
            signal = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
        foreach (var receipt in printed)
        {
            ReceiptPrinted?.Invoke(this, new ReceiptPrintedEventArgs(receipt));
        }
    }

    private sealed class Connection(Socket socket)
    {
        private readonly Lock sendLock = new();

        public Socket Socket { get; } = socket;

        public bool AsbEnabled { get; set; }

        public void TrySend(byte[] data)
        {
            lock (sendLock)
            {
                try
                {
                    Socket.Send(data);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    // The client went away; its next request fails on its side, which is what a test wants to see.
                }
            }
        }

        public void Close()
        {
            try
            {
                Socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Already closed by the other side.
            }

            Socket.Dispose();
        }
    }
}
