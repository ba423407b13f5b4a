using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Kiosk.Broker;

namespace Kiosk.TestSupport;

/// <summary>
/// A loopback TCP proxy in front of one target, for cutting a link the way a WAN dies: <see cref="Cut"/> silently stops
/// forwarding bytes both ways while every socket stays open (no FIN, no RST — the peers see only silence, as behind a
/// dead 4G modem), and <see cref="Restore"/> forwards again for new connections and closes those that lived through the
/// cut (their byte streams have a hole, so they cannot be resumed; a client must reconnect, as after a real outage).
/// </summary>
public sealed class TcpCutProxy : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<Link, byte> links = new();
    private readonly Task accepting;
    private volatile bool cut;

    private TcpCutProxy(string targetHost, int targetPort)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Port = LoopbackPorts.Take();
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        accepting = AcceptLoopAsync();
    }

    public int Port { get; }

    public static string Host => "127.0.0.1";

    public bool IsCut => cut;

    /// <summary>Connections currently open through the proxy.</summary>
    public int OpenConnections => links.Count;

    public static TcpCutProxy Start(string targetHost, int targetPort) => new(targetHost, targetPort);

    /// <summary>From now on no byte passes either way; nothing is closed.</summary>
    public void Cut() => cut = true;

    /// <summary>Forwards again: connections made from now on work; those open during the cut are closed.</summary>
    public void Restore()
    {
        if (!cut)
        {
            return;
        }

        foreach (var link in links.Keys)
        {
            link.Close();
        }

        cut = false;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        foreach (var link in links.Keys)
        {
            link.Close();
        }

        try
        {
            await accepting;
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(targetHost, targetPort, stopping.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            // The target is down: the client sees its connection closed, as a refused connection would look.
            server.Dispose();
            client.Dispose();
            return;
        }

        var link = new Link(client, server);
        links[link] = 0;
        try
        {
            await Task.WhenAll(PumpAsync(client, server, link), PumpAsync(server, client, link));
        }
        finally
        {
            links.TryRemove(link, out _);
            link.Close();
        }
    }

    private async Task PumpAsync(Socket from, Socket to, Link link)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, stopping.Token);
                if (read == 0)
                {
                    if (!cut)
                    {
                        // A clean close passes through while the link is up; during a cut it is swallowed like any byte.
                        to.Shutdown(SocketShutdown.Send);
                    }

                    return;
                }

                if (cut)
                {
                    continue;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stopping.Token);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            link.Close();
        }
    }

    private sealed class Link(Socket client, Socket server)
    {
        public void Close()
        {
            client.Dispose();
            server.Dispose();
        }
    }
}
