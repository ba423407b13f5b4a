using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Kiosk.Mqtt.Tests.Support;

/// <summary>
/// A loopback TCP forwarder between a client and Mosquitto, so a test can cut the client's connection the way
/// a pulled network cable does (the broker sees the socket die without DISCONNECT and publishes the will).
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int targetPort;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentBag<(Socket Client, Socket Upstream)> pairs = [];
    private readonly Task acceptLoop;

    public TcpProxy(int targetPort)
    {
        this.targetPort = targetPort;
        listener.Start();
        acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public int ConnectionCount => pairs.Count;

    /// <summary>Resets both sides of every forwarded connection.</summary>
    public void CutAll()
    {
        foreach (var (client, upstream) in pairs)
        {
            Reset(client);
            Reset(upstream);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        CutAll();
        try
        {
            await acceptLoop;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        listener.Dispose();
        stop.Dispose();
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
            // Already gone.
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await upstream.ConnectAsync(IPAddress.Loopback, targetPort);
            pairs.Add((client, upstream));
            _ = PumpAsync(client, upstream);
            _ = PumpAsync(upstream, client);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            Reset(to);
        }
    }
}
