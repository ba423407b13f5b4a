using System.Net.Sockets;

namespace Kiosk.DeviceDrivers.Printing.Transports;

/// <summary>
/// Raw TCP ("JetDirect", port 9100), the way Epson TM-T82 with an Ethernet interface and Xprinter LAN models take
/// jobs. One connection is kept between jobs and replaced when it has died; connect, send and receive all have
/// timeouts, so a printer switched off mid-job gives a typed failure, not a hang.
/// </summary>
public sealed class TcpPrinterTransport : StreamPrinterTransport
{
    private Socket? socket;

    public TcpPrinterTransport(string host, int port = 9100, PrinterTimeouts? timeouts = null, bool bidirectional = true)
        : base(timeouts, bidirectional)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        Host = host;
        Port = port;
    }

    public string Host { get; }

    public int Port { get; }

    public override string Description => $"tcp {Host}:{Port}";

    protected override bool IsOpen
    {
        get
        {
            if (socket is null)
            {
                return false;
            }

            try
            {
                // Readable with nothing to read means the printer closed its side while we were idle.
                return !(socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return false;
            }
        }
    }

    protected override async Task OpenAsync(CancellationToken cancellationToken)
    {
        var candidate = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeouts.Connect);
        try
        {
            await candidate.ConnectAsync(Host, Port, timeout.Token).ConfigureAwait(false);
            socket = candidate;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            candidate.Dispose();
            throw new TimeoutException($"connecting to {Host}:{Port} timed out after {Timeouts.Connect.TotalSeconds:0.#} s");
        }
        catch
        {
            candidate.Dispose();
            throw;
        }
    }

    protected override async Task WriteAsync(ReadOnlyMemory<byte> data, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var connection = socket ?? throw new IOException("not connected");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var sent = 0;
        try
        {
            while (sent < data.Length)
            {
                sent += await connection.SendAsync(data[sent..], SocketFlags.None, limit.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"sending to {Host}:{Port} timed out after {timeout.TotalSeconds:0.#} s with {sent} of {data.Length} bytes sent (printer busy, offline or out of paper)");
        }
    }

    protected override async Task<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var connection = socket ?? throw new IOException("not connected");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        int n;
        try
        {
            n = await connection.ReceiveAsync(buffer, SocketFlags.None, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return 0;
        }

        return n == 0 ? throw new EndOfStreamException($"{Host}:{Port} closed the connection") : n;
    }

    protected override void Close()
    {
        var old = socket;
        socket = null;
        old?.Dispose();
    }
}
