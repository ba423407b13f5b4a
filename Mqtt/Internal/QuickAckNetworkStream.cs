using System.Net.Sockets;

namespace Kiosk.Mqtt.Internal;

/// <summary>
/// Mosquitto leaves Nagle on (set_tcp_nodelay false) and often writes two small packets back to back to the same
/// client (PUBACK for our publish, then the PUBLISH for our own subscription). Nagle holds the second until our
/// kernel acknowledges the first, and Linux delays that ACK by up to 40 ms. Re-arming TCP_QUICKACK after every
/// read makes our side acknowledge at once, so round trips stay in microseconds whatever the broker's setting.
/// </summary>
internal sealed class QuickAckNetworkStream(Socket socket) : NetworkStream(socket, ownsSocket: true)
{
    private const int IpProtoTcp = 6;
    private const int TcpQuickAck = 12;
    private static readonly byte[] On = BitConverter.GetBytes(1);
    private bool supported = true;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await base.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Arm();
        return read;
    }

    public override int Read(Span<byte> buffer)
    {
        var read = base.Read(buffer);
        Arm();
        return read;
    }

    public void Arm()
    {
        if (!supported)
        {
            return;
        }

        try
        {
            Socket.SetRawSocketOption(IpProtoTcp, TcpQuickAck, On);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or PlatformNotSupportedException)
        {
            // Not Linux TCP (or already closed): only latency is at stake, never correctness.
            supported = ex is ObjectDisposedException;
        }
    }
}
