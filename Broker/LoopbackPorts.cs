using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Kiosk.Broker;

/// <summary>
/// The one picker of loopback ports for private brokers and tests. Two picks by port 0 can return the same port (the
/// kernel reuses a port as soon as the probe socket closes), which once gave Mosquitto the same port for two listeners.
/// So a port handed out here is held: within this process in a set, across processes (test assemblies run side by
/// side) by an exclusive lock on a file named after it, released only when this process ends, however it ends.
/// Ports come from below Linux's ephemeral range (32768+), so no outgoing connection can be sitting on one either.
/// </summary>
public static class LoopbackPorts
{
    private const int First = 20000;
    private const int Last = 32000;
    private static readonly ConcurrentDictionary<int, FileStream> Held = new();
    private static readonly string LockFolder = Path.Combine(Path.GetTempPath(), "kiosk-ports");

    public static int Take()
    {
        Directory.CreateDirectory(LockFolder);
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            if (Held.ContainsKey(port))
            {
                continue;
            }

            FileStream hold;
            try
            {
                // FileShare.None takes an exclusive flock on Unix: another process picking the same port fails here.
                hold = new FileStream(Path.Combine(LockFolder, port.ToString(CultureInfo.InvariantCulture)), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue;
            }

            if (IsFree(port) && Held.TryAdd(port, hold))
            {
                return port;
            }

            hold.Dispose();
        }

        throw new BrokerStartException($"No free loopback port in {First}-{Last} after 500 attempts.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
