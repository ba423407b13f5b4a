using System.Net.Sockets;
using System.Text;

namespace Kiosk.Broker;

/// <summary>
/// A minimal MQTT 3.1.1 CONNECT/CONNACK exchange, enough to know the broker accepts MQTT connections
/// and to read its return code. The launcher must not depend on the full client library.
/// </summary>
public static class MqttConnectProbe
{
    /// <summary>Returns the CONNACK return code (0 = accepted, 4 = bad credentials, 5 = not authorised).</summary>
    public static async Task<int> ConnectAsync(string host, int port, string clientId, string? username, string? password, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cancellationToken);
        var stream = client.GetStream();
        var packet = BuildConnect(clientId, username, password);
        await stream.WriteAsync(packet, cancellationToken);
        var connack = new byte[4];
        await stream.ReadExactlyAsync(connack, cancellationToken);
        if (connack[0] != 0x20 || connack[1] != 0x02)
        {
            throw new InvalidDataException($"Expected CONNACK, got 0x{connack[0]:X2} 0x{connack[1]:X2}.");
        }

        if (connack[3] == 0)
        {
            await stream.WriteAsync(new byte[] { 0xE0, 0x00 }, cancellationToken);
        }

        return connack[3];
    }

    private static byte[] BuildConnect(string clientId, string? username, string? password)
    {
        var body = new List<byte>();
        AddString(body, "MQTT");
        body.Add(4);
        byte flags = 0x02;
        if (username is not null)
        {
            flags |= 0x80;
        }

        if (password is not null)
        {
            flags |= 0x40;
        }

        body.Add(flags);
        body.Add(0);
        body.Add(30);
        AddString(body, clientId);
        if (username is not null)
        {
            AddString(body, username);
        }

        if (password is not null)
        {
            AddString(body, password);
        }

        var packet = new List<byte> { 0x10 };
        var remaining = body.Count;
        do
        {
            var digit = (byte)(remaining % 128);
            remaining /= 128;
            if (remaining > 0)
            {
                digit |= 0x80;
            }

            packet.Add(digit);
        }
        while (remaining > 0);
        packet.AddRange(body);
        return [.. packet];
    }

    private static void AddString(List<byte> body, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        body.Add((byte)(bytes.Length >> 8));
        body.Add((byte)bytes.Length);
        body.AddRange(bytes);
    }
}
