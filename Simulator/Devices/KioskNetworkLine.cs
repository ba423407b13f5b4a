using System.Net;
using System.Net.Sockets;
using Kiosk.Broker;

namespace Kiosk.Simulator.Devices;

/// <summary>
/// The kiosk's network cable to the broker, as a loopback relay the simulator can cut. A power cut must look to the
/// broker as it does when the Pi loses power: the TCP connection dies without an MQTT DISCONNECT, so the broker sends
/// the kiosk's last will ("Kiosk tidak terhubung") to every display and loket. Cutting resets every live connection
/// (RST, no FIN) and refuses new ones until the kiosk is powered again, so the dying host cannot say goodbye.
/// </summary>
public sealed class KioskNetworkLine : IAsyncDisposable
{
    private readonly PrivateBroker broker;
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Lock gate = new();
    private readonly List<Socket> live = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private bool powered = true;

    public KioskNetworkLine(PrivateBroker broker)
    {
        this.broker = broker;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The port the kiosk is configured to reach the broker on.</summary>
    public int Port { get; }

    /// <summary>Power gone: every connection reset, new ones refused.</summary>
    public void Cut()
    {
        lock (gate)
        {
            powered = false;
            foreach (var socket in live)
            {
                Reset(socket);
            }

            live.Clear();
        }
    }

    /// <summary>Power back: the next kiosk host may connect.</summary>
    public void Restore()
    {
        lock (gate)
        {
            powered = true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Cut();
        await accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket kiosk;
            try
            {
                kiosk = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => RelayAsync(kiosk));
        }
    }

    private async Task RelayAsync(Socket kiosk)
    {
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        kiosk.NoDelay = true;
        try
        {
            await upstream.ConnectAsync(broker.Host, broker.Port, stopping.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            // The broker is stopped: the kiosk sees a refused connection, as it would on the Pi.
            Reset(kiosk);
            upstream.Dispose();
            return;
        }

        lock (gate)
        {
            if (!powered)
            {
                Reset(kiosk);
                Reset(upstream);
                return;
            }

            live.Add(kiosk);
            live.Add(upstream);
        }

        await Task.WhenAny(PumpAsync(kiosk, upstream), PumpAsync(upstream, kiosk));
        lock (gate)
        {
            live.Remove(kiosk);
            live.Remove(upstream);
        }

        kiosk.Dispose();
        upstream.Dispose();
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, stopping.Token)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stopping.Token);
            }

            // An orderly close on one side is passed on as one.
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Reset, cut or stopping: the other pump ends too.
        }
    }

    /// <summary>Closes with a zero linger: an RST, as when the far side vanishes, never an orderly FIN.</summary>
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        socket.Dispose();
    }
}
