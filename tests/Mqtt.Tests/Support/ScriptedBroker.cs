using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Kiosk.Mqtt.Protocol;

namespace Kiosk.Mqtt.Tests.Support;

/// <summary>
/// A fake broker on a loopback TcpListener that does exactly what the test script says: drop a socket at a
/// chosen moment, stop answering PINGREQ, send malformed bytes. Mosquitto will not do these on demand.
/// </summary>
internal sealed class ScriptedBroker : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);

    public ScriptedBroker()
    {
        listener.Start();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public MqttClientOptions ClientOptions(string clientId, TimeSpan? keepAlive = null, bool cleanSession = false) => new()
    {
        Host = "127.0.0.1",
        Port = Port,
        ClientId = clientId,
        CleanSession = cleanSession,
        KeepAlive = keepAlive ?? TimeSpan.FromSeconds(30),
        ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>Accepts the next client connection and reads its CONNECT.</summary>
    public async Task<(ScriptedSession Session, ConnectPacket Connect)> AcceptAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        Socket socket;
        try
        {
            socket = await listener.AcceptSocketAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No client connected to the scripted broker within {timeout.TotalSeconds:0.#} s.");
        }

        var session = new ScriptedSession(socket);
        var connect = await session.ReadAsync<ConnectPacket>(timeout);
        return (session, connect);
    }

    public ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Dispose();
        return ValueTask.CompletedTask;
    }
}

internal sealed class ScriptedSession(Socket socket) : IAsyncDisposable
{
    private readonly NetworkStream stream = new(socket, ownsSocket: true);
    private PipeReader? reader;

    private PipeReader Reader => reader ??= PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));

    public async Task SendAsync(MqttPacket packet) => await SendRawAsync(MqttPacketEncoder.ToArray(packet));

    public async Task SendRawAsync(byte[] bytes)
    {
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    /// <summary>The next packet from the client, or null when it closed the connection.</summary>
    public async Task<MqttPacket?> ReadAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var result = await Reader.ReadAsync(cancel.Token);
                var buffer = result.Buffer;
                if (MqttPacketDecoder.TryDecode(ref buffer, MqttPacketDecoder.MaxRemainingLength, out var packet))
                {
                    Reader.AdvanceTo(buffer.Start);
                    return packet;
                }

                Reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return null;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The client sent nothing within {timeout.TotalSeconds:0.#} s.");
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async Task<T> ReadAsync<T>(TimeSpan timeout)
        where T : MqttPacket
    {
        var packet = await ReadAsync(timeout);
        return packet as T ?? throw new InvalidOperationException($"Expected {typeof(T).Name} from the client, got {packet?.Type.ToString() ?? "end of stream"}.");
    }

    /// <summary>Reads (and ignores) packets until the client closes the connection; returns what it read.</summary>
    public async Task<IReadOnlyList<MqttPacket>> ReadUntilClosedAsync(TimeSpan timeout)
    {
        var seen = new List<MqttPacket>();
        while (true)
        {
            var packet = await ReadAsync(timeout);
            if (packet is null)
            {
                return seen;
            }

            seen.Add(packet);
        }
    }

    /// <summary>Resets the connection like a dying network: no FIN handshake, no DISCONNECT.</summary>
    public void Drop()
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    public async ValueTask DisposeAsync()
    {
        if (reader is not null)
        {
            await reader.CompleteAsync();
        }

        await stream.DisposeAsync();
    }
}
